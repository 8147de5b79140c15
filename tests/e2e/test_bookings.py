"""The walk of issue 17 in one browser test: a captain answers the safety checklist and
submits a dated route; an admin confirms one site request and declines the other; the
captain sees both states in the studio."""

import pytest
from playwright.sync_api import expect

from assessments.services import draft_of
from demo.build import ADMIN_PASSWORD, LEARNER_PASSWORD
from tests.builders.bookings import dated_draft
from tests.builders.routes import kuzbass_team_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OPEN_ITEM = "не указано, как обеспечено"


def test_a_captain_answers_the_checklist_submits_and_sees_the_sites_decisions(open_as, demo):
    design = dated_draft(demo, kuzbass_team_of(demo), group_size=18)
    captain = open_as(demo.users["kuzbass_captain"].email, LEARNER_PASSWORD)
    captain.goto(f"/routes/{design.id}/")
    findings = captain.locator("#findings")
    expect(findings).to_contain_text(OPEN_ITEM)
    submit = captain.get_by_role("button", name="Сохранить и отправить наставнику")

    items = captain.locator("li.checklist-item")
    count = items.count()
    assert count >= 4  # the pit's and the works' PPE, documents, briefing, photo rule
    for index in range(count):
        items.nth(index).get_by_label("предоставляет площадка").check()
    expect(findings).not_to_contain_text(OPEN_ITEM)
    submit.click()
    expect(captain.get_by_text("Маршрут отправлен наставнику.")).to_be_visible()
    submitted = design.versions.filter(submitted_at__isnull=False).get()
    assert len(submitted.safety_answers) == count
    assert {answer["how"] for answer in submitted.safety_answers.values()} == {"site"}
    assert draft_of(design).safety_answers == submitted.safety_answers  # carried on
    requests = captain.locator("#bookings tr[data-booking]")
    expect(requests).to_have_count(2)
    expect(captain.locator("#bookings")).to_contain_text("заявка")

    admin = open_as(demo.users["admin"].email, ADMIN_PASSWORD)
    admin.goto("/bookings/?since=2027-06-01")
    azot = admin.locator("section.site-calendar", has_text="КАО «Азот»").locator("tr[data-booking]")
    azot.get_by_role("button", name="Подтвердить").click()
    expect(admin.get_by_text("Визит подтверждён, команда уведомлена.")).to_be_visible()
    pit = admin.locator("section.site-calendar", has_text="Кедровский").locator("tr[data-booking]")
    pit.get_by_role("button", name="Отклонить").click()  # no reason yet: refused, kept
    expect(admin.get_by_text("Укажите, почему заявка отклонена.")).to_be_visible()
    pit = admin.locator("section.site-calendar", has_text="Кедровский").locator("tr[data-booking]")
    pit.locator("input[name=note]").fill("В этот день взрывные работы.")
    pit.get_by_role("button", name="Отклонить").click()
    expect(admin.get_by_text("Заявка отклонена, команда уведомлена.")).to_be_visible()

    captain.reload()
    panel = captain.locator("#bookings")
    expect(panel.locator("tr", has_text="КАО «Азот»")).to_contain_text("подтверждено")
    expect(panel.locator("tr", has_text="Кедровский")).to_contain_text("отклонено")
    expect(panel).to_contain_text("В этот день взрывные работы.")
