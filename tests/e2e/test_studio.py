"""Two members of one team in two browsers: reordering stops, and the conflict message."""

import pytest
from playwright.sync_api import expect

from assessments.services import StopData, draft_of, save_route_draft, start_route
from lms.demo import LEARNER_PASSWORD, build_demo
from tests.routes import kuzbass_stops, kuzbass_team_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_members_edit_one_draft_without_losing_each_others_work(open_as):
    demo = build_demo()
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
