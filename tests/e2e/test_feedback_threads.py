"""A mentor's comment on a stop, in a real browser: comment → publish the review (returned) →
a team member replies → the team resubmits a changed route → the mentor sees the thread
carried, marked changed, and resolves it."""

import pytest
from playwright.sync_api import expect

from assessments.models import FeedbackThread
from demo.build import LEARNER_PASSWORD, MENTOR_PASSWORD
from tests.builders.routes import build_submitted_route

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_comment_on_a_stop_is_answered_carried_and_resolved(open_as, demo):
    design = build_submitted_route(demo)
    review_url = f"/routes/{design.id}/review/"

    # The mentor comments on the second stop, then returns the route.
    mentor = open_as(demo.users["mentor"].email, MENTOR_PASSWORD)
    mentor.goto(review_url)
    expect(mentor.locator("#route-map")).to_have_attribute("data-points", "3")
    stop = mentor.locator("#feedback [data-stop='2']")
    expect(stop).to_contain_text("КАО «Азот»")
    stop.locator("summary", has_text="Замечание к этой остановке").click()
    stop.locator("textarea[name=body]").fill("Успеете ли за 120 минут на «Азоте»?")
    stop.get_by_role("button", name="Добавить замечание").click()
    expect(mentor.get_by_text("Замечание добавлено.")).to_be_visible()
    thread = FeedbackThread.objects.get()
    expect(mentor.locator(f"#feedback [data-stop='2'] #thread-{thread.id}")).to_contain_text(
        "Успеете ли за 120 минут"
    )
    for select in mentor.locator("select[name^=criterion_]").all():
        select.select_option("2")
    mentor.fill("textarea[name=comment]", "Доработайте программу на «Азоте».")
    mentor.check("input[name=decision][value=return]")
    mentor.get_by_role("button", name="Сохранить рецензию").click()
    expect(mentor.get_by_text("Рецензия сохранена, команда её увидит.")).to_be_visible()

    # A member of the team reads the comment in the studio and answers it.
    member = open_as(demo.users["kuzbass_member"].email, LEARNER_PASSWORD)
    member.goto(f"/routes/{design.id}/")
    team_thread = member.locator(f"#feedback #thread-{thread.id}")
    expect(team_thread).to_contain_text("Успеете ли за 120 минут")
    expect(team_thread.get_by_role("button", name="Закрыть замечание")).to_have_count(0)
    # The stop's row in the form links to the thread about it.
    row_link = member.locator("tr.stop-row").nth(1).locator("a.thread-link")
    expect(row_link).to_have_attribute("href", f"#thread-{thread.id}")
    expect(member.locator("tr.stop-row").nth(0).locator("a.thread-link")).to_have_count(0)
    team_thread.locator("textarea[name=body]").fill("Сократим экскурсию до 90 минут.")
    team_thread.get_by_role("button", name="Ответить").click()
    expect(member.get_by_text("Ответ отправлен.")).to_be_visible()
    expect(member.locator(f"#thread-{thread.id}")).to_contain_text("Сократим экскурсию")

    # The captain shortens that stop and submits the next version.
    captain = open_as(demo.users["kuzbass_captain"].email, LEARNER_PASSWORD)
    captain.goto(f"/routes/{design.id}/")
    captain.fill("input[name=stops-1-stay_minutes]", "90")
    captain.get_by_role("button", name="Сохранить и отправить наставнику").click()
    expect(captain.get_by_text("Маршрут отправлен наставнику.")).to_be_visible()

    # The mentor sees the thread carried into version 2, its stop changed, and resolves it.
    mentor.goto(review_url)
    carried = mentor.locator(f"#feedback [data-stop='2'] #thread-{thread.id}")
    expect(carried).to_have_attribute("data-change", "changed")
    expect(carried).to_contain_text("с версии 1")
    expect(carried).to_contain_text("остановка изменена")
    expect(carried).to_contain_text("Сократим экскурсию до 90 минут.")
    carried.get_by_role("button", name="Закрыть замечание").click()
    expect(mentor.get_by_text("Замечание закрыто.")).to_be_visible()
    expect(mentor.locator(f"#thread-{thread.id}")).to_have_attribute("data-status", "resolved")
    thread.refresh_from_db()
    assert thread.status == FeedbackThread.Status.RESOLVED
    assert thread.resolved_by == demo.users["mentor"]
    assert list(thread.messages.values_list("kind", flat=True)) == [
        "message",
        "message",
        "resolved",
    ]
