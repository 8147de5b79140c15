"""A captain submits a dated route; an admin confirms one request and declines the other;
the captain sees both states in the studio."""

import pytest
from playwright.sync_api import expect

from demo.build import ADMIN_PASSWORD, LEARNER_PASSWORD
from tests.builders.bookings import dated_draft
from tests.builders.routes import kuzbass_team_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_confirms_one_request_and_declines_another_and_the_captain_sees_both(
    open_as, demo
):
    design = dated_draft(demo, kuzbass_team_of(demo), group_size=18)
    captain = open_as(demo.users["kuzbass_captain"].email, LEARNER_PASSWORD)
    captain.goto(f"/routes/{design.id}/")
    captain.get_by_role("button", name="Сохранить и отправить наставнику").click()
    expect(captain.get_by_text("Маршрут отправлен наставнику.")).to_be_visible()
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
