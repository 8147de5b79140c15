"""Accessibility with the keyboard alone: a lesson is completed, a route edited, the language
switched (axe-core's check of every page is in test_every_page.py)."""

import pytest
from playwright.sync_api import expect

from assessments.services import draft_of, save_route_draft, start_route
from demo.build import LEARNER_PASSWORD
from tests.builders.routes import kuzbass_stops, kuzbass_team_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tab_to(page, selector: str, limit: int = 300) -> None:
    """Press Tab until the element matching `selector` has the focus (and the focus shows)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement?.matches(s)", selector):
            ring = page.evaluate(
                "() => { const s = getComputedStyle(document.activeElement);"
                " return s.outlineStyle !== 'none' || s.boxShadow !== 'none'; }"
            )
            assert ring, f"{selector} has the focus but shows no focus ring"
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_lesson_is_completed_with_the_keyboard_alone(open_as, demo):
    page = open_as("kuzbass.captain@demo.test", LEARNER_PASSWORD)
    for lesson in demo.lessons:
        page.goto(lesson.url)
        if page.locator("[id^=quiz-]").count() == 0:
            break
    else:
        raise AssertionError("the demo has no lesson without a quiz")
    _tab_to(page, "form[action*='/complete'] button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("#lesson-status")).to_have_text("Урок пройден")


def test_a_route_is_edited_with_the_keyboard_alone(open_as, demo):
    team = kuzbass_team_of(demo)
    design = start_route(team=team, assignment=demo.assignment)
    save_route_draft(
        design=design,
        user=demo.users["kuzbass_captain"],
        title="Черновик",
        narrative="",
        stops=kuzbass_stops(demo),
        lock_version=0,
    )
    page = open_as("kuzbass.member@demo.test", LEARNER_PASSWORD)
    page.goto(f"/routes/{design.id}/")
    _tab_to(page, "input[name=title]")
    page.keyboard.press("Control+A")
    page.keyboard.type("Маршрут с клавиатуры")
    _tab_to(page, "tr.stop-row:first-of-type button.move-down")
    page.keyboard.press("Enter")
    expect(page.locator("input[name=stops-0-ORDER]")).to_have_value("2")
    _tab_to(page, "button[type=submit][name=save]")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Черновик сохранён.")).to_be_visible()
    draft = draft_of(design)
    assert draft.title == "Маршрут с клавиатуры"
    first_two = [s.enterprise_id for s in draft.stops.all()][:2]
    stops = kuzbass_stops(demo)
    assert first_two == [stops[1].enterprise_id, stops[0].enterprise_id]


def test_a_visitor_switches_the_language_with_the_keyboard(open_as, demo):
    page = open_as()
    page.goto(demo.program.url)
    page.goto(demo.program.url)  # the second visit is the cached copy
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    _tab_to(page, "a[hreflang=en]")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith(demo.program.url)
    expect(page.locator("main h2").first).to_be_visible()
    expect(page.locator("header .utility")).to_contain_text("Sign in")
    expect(page.locator("main")).to_contain_text("Modules")
    _tab_to(page, "a[hreflang=ru]")
    page.keyboard.press("Enter")
    expect(page.locator("header .utility")).to_contain_text("Войти")
