"""The captain answers the safety checklist in the studio: the live check drops the answered
item, a «not needed» without a reason is marked at the item by the autosave, and the answers
come back after a reload."""

import pytest
from playwright.sync_api import expect

from assessments.route_findings import safety_items_of
from assessments.services import draft_of, save_route_draft, start_route
from demo.build import LEARNER_PASSWORD
from tests.builders.routes import kuzbass_stops, kuzbass_team_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_captain_answers_the_checklist_and_the_check_follows(open_as, demo):
    design = start_route(team=kuzbass_team_of(demo), assignment=demo.assignment)
    save_route_draft(
        design=design,
        user=demo.users["kuzbass_captain"],
        stops=kuzbass_stops(demo)[1:2],  # КАО «Азот»
        lock_version=0,
        title="Азот",
    )
    helmet, *_rest, photo = safety_items_of(demo.enterprises["КАО «Азот»"])
    page = open_as(demo.users["kuzbass_captain"].email, LEARNER_PASSWORD)
    page.goto(f"/routes/{design.id}/")
    findings = page.locator("#findings")
    expect(findings).to_contain_text("Остановка 1, КАО «Азот»: каска — не указано, как обеспечено.")

    item = page.locator(f"li.checklist-item[data-key='{helmet.key}']")
    item.get_by_label("предоставляет площадка").check()
    expect(findings).not_to_contain_text("КАО «Азот»: каска —")
    expect(findings).to_contain_text("самоспасатель — не указано")

    refused = page.locator(f"li.checklist-item[data-key='{photo.key}']")
    refused.get_by_label("не нужно, потому что …").check()
    expect(refused.locator(".autosave-error")).to_contain_text("Укажите, почему это не нужно.")
    assert draft_of(design).safety_answers[helmet.key]["how"] == "site"
    assert photo.key not in draft_of(design).safety_answers

    refused.locator("input[type=text]").fill("Съёмку не планируем, телефоны сдаём")
    refused.locator("input[type=text]").blur()
    expect(refused.locator(".autosave-error")).to_have_count(0)
    page.reload()
    expect(item.get_by_label("предоставляет площадка")).to_be_checked()
    expect(refused.locator("input[type=text]")).to_have_value("Съёмку не планируем, телефоны сдаём")
