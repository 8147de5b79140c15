"""Two members of one team in two browsers: reordering stops, and the conflict message."""

import pytest
from playwright.sync_api import expect

from assessments.services import StopData, draft_of, save_route_draft, start_route
from demo.build import LEARNER_PASSWORD
from tests.builders.routes import kuzbass_stops, kuzbass_team_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_members_edit_one_draft_without_losing_each_others_work(open_as, demo):
    design = start_route(team=kuzbass_team_of(demo), assignment=demo.assignment)
    stops: list[StopData] = kuzbass_stops(demo)[:2]
    save_route_draft(
        design=design,
        user=demo.users["kuzbass_captain"],
        stops=stops,
        lock_version=0,
        title="Первый вариант",
    )
    url = f"/routes/{design.id}/"
    captain = open_as(demo.users["kuzbass_captain"].email, LEARNER_PASSWORD)
    member = open_as(demo.users["kuzbass_member"].email, LEARNER_PASSWORD)
    captain.goto(url)
    member.goto(url)

    # The member reorders with the keyboard-accessible buttons and saves.
    member.locator("tr.stop-row").first.get_by_role("button", name="Ниже").click()
    expect(member.locator("input[name=stops-0-ORDER]")).to_have_value("2")
    expect(member.locator("input[name=stops-1-ORDER]")).to_have_value("1")
    member.fill("input[name=title]", "Вариант участника")
    member.get_by_role("button", name="Сохранить черновик").click()
    expect(member.get_by_text("Черновик сохранён.")).to_be_visible()
    draft = draft_of(design)
    assert [s.enterprise.name for s in draft.stops.select_related("enterprise")] == [
        "КАО «Азот»",
        "Кедровский угольный разрез",
    ]

    # The captain, still on the old page, saves too: a conflict, and nothing is lost.
    captain.fill("input[name=title]", "Вариант капитана")
    captain.get_by_role("button", name="Сохранить черновик").click()
    expect(captain.get_by_text("успел изменить другой участник")).to_be_visible()
    expect(captain.locator("input[name=title]")).to_have_value("Вариант капитана")
    expect(captain.locator("section.conflict")).to_contain_text("Вариант участника")
    assert draft_of(design).title == "Вариант участника"

    # Saving again (now against the current version) goes through.
    captain.get_by_role("button", name="Сохранить черновик").click()
    expect(captain.get_by_text("Черновик сохранён.")).to_be_visible()
    assert draft_of(design).title == "Вариант капитана"


def test_a_stop_is_added_without_a_reload_and_the_map_and_checks_follow(open_as, demo):
    design = start_route(team=kuzbass_team_of(demo), assignment=demo.assignment)
    page = open_as(demo.users["kuzbass_member"].email, LEARNER_PASSWORD)
    page.goto(f"/routes/{design.id}/")
    rows = page.locator("tr.stop-row")
    expect(rows).to_have_count(2)
    page.get_by_role("button", name="Добавить остановку").click()
    expect(rows).to_have_count(3)
    expect(page.locator("input[name=stops-TOTAL_FORMS]")).to_have_value("3")
    pit, rails = (
        demo.enterprises["Кедровский угольный разрез"],
        demo.enterprises["ЕВРАЗ ЗСМК, рельсобалочный цех"],
    )
    for row, (site, arrival) in enumerate([(pit, "10:00"), (rails, "11:00")], start=1):
        page.select_option(f"select[name=stops-{row}-enterprise]", label=str(site))
        page.fill(f"input[name=stops-{row}-arrival_time]", arrival)
        page.fill(f"input[name=stops-{row}-stay_minutes]", "30")
        page.fill(f"input[name=stops-{row}-ORDER]", str(row))
    page.fill("input[name=stops-1-transfer_minutes]", "10")
    page.locator("input[name=title]").fill("Проверка на лету")
    expect(page.locator("#findings [data-code=transfer_too_short]")).to_be_visible()
    expect(page.locator("#route-map")).to_have_attribute("data-points", "2")
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.get_by_text("Черновик сохранён.")).to_be_visible()
    assert draft_of(design).stops.count() == 2


def test_autosave_keeps_a_half_filled_stop_beside_its_message_across_a_reload(open_as, demo):
    design = start_route(team=kuzbass_team_of(demo), assignment=demo.assignment)
    page = open_as(demo.users["kuzbass_member"].email, LEARNER_PASSWORD)
    page.goto(f"/routes/{design.id}/")
    pit, azot = demo.enterprises["Кедровский угольный разрез"], demo.enterprises["КАО «Азот»"]
    page.locator("input[name=title]").fill("Сохранится без второй остановки")
    page.select_option("select[name=stops-0-enterprise]", label=str(pit))
    page.fill("input[name=stops-0-arrival_time]", "10:00")
    page.fill("input[name=stops-0-stay_minutes]", "90")
    # The second stop only has its place: no arrival, no stay.
    page.select_option("select[name=stops-1-enterprise]", label=str(azot))
    page.locator("input[name=stops-1-notes]").fill("Спросить про экскурсию в цех")
    page.locator("input[name=stops-1-notes]").blur()

    second = page.locator("tr.stop-row").nth(1)
    expect(second.locator(".autosave-error")).to_contain_text("Остановка 2 не сохранена")
    expect(second.locator(".autosave-error")).to_contain_text("Прибытие")
    expect(page.locator("tr.stop-row").first.locator(".autosave-error")).to_have_count(0)
    expect(page.locator("#autosave-status")).to_contain_text("сохранён частично")
    expect(page.locator("#autosave-status")).to_contain_text("(Europe/Moscow)")
    draft = draft_of(design)
    assert draft.title == "Сохранится без второй остановки"
    assert [s.enterprise_id for s in draft.stops.all()] == [pit.pk]

    page.reload()
    expect(page.locator("input[name=title]")).to_have_value("Сохранится без второй остановки")
    expect(page.locator("select[name=stops-0-enterprise]")).to_have_value(str(pit.pk))
    expect(page.locator("input[name=stops-0-arrival_time]")).to_have_value("10:00")
    expect(page.locator("select[name=stops-1-enterprise]")).to_have_value(str(azot.pk))
    expect(page.locator("input[name=stops-1-notes]")).to_have_value("Спросить про экскурсию в цех")
    second = page.locator("tr.stop-row").nth(1)
    expect(second.locator(".autosave-error")).to_contain_text("Остановка 2 не сохранена")

    # Completing it saves it whole, and the message goes.
    page.fill("input[name=stops-1-arrival_time]", "12:10")
    page.fill("input[name=stops-1-stay_minutes]", "120")
    page.locator("input[name=stops-1-stay_minutes]").blur()
    expect(page.locator("#autosave-status")).to_contain_text("сохранён автоматически")
    expect(page.locator(".autosave-error")).to_have_count(0)
    assert [s.enterprise_id for s in draft_of(design).stops.all()] == [pit.pk, azot.pk]
