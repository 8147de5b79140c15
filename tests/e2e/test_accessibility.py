"""Accessibility: axe-core (installed from npm at test time, injected by Playwright) finds no
serious or critical violations on learner, mentor and admin-report pages; a lesson and a route
edit can be done with the keyboard alone."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from assessments.services import draft_of, save_route_draft, start_route
from demo.build import ADMIN_PASSWORD, LEARNER_PASSWORD, MENTOR_PASSWORD
from tests.builders.routes import build_submitted_route, kuzbass_stops, kuzbass_team_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_VERSION = "4.11.0"
AXE_DIR = Path(settings.BASE_DIR) / ".cache" / f"axe-core-{AXE_VERSION}"


@pytest.fixture(scope="session")
def axe_source():
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")  # tests using this carry the npm marker (tests/conftest.py)
        AXE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                npm,
                "install",
                "--no-save",
                "--no-package-lock",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(AXE_DIR),
                f"axe-core@{AXE_VERSION}",
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return script.read_text()


def _violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => JSON.stringify(await axe.run(document))")
    return [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in json.loads(result)["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.npm
def test_no_serious_or_critical_violations(open_as, axe_source, demo):
    design = build_submitted_route(demo)
    cohort = demo.cohort.id
    pages = [
        (None, None, ["/", demo.program.url, "/verify/", "/accounts/login/"]),
        (
            "kuzbass.captain@demo.test",
            LEARNER_PASSWORD,
            [
                "/dashboard/",
                demo.program.url,
                demo.modules[0].url,
                demo.lessons[0].url,
                f"/routes/{design.id}/",
                "/profile/",
                "/notifications/",
                # The same learner in English: translated pages, and a lesson that is not
                # (its notice, its Russian text marked lang="ru").
                f"{reverse('switch_language', args=['en'])}?next={demo.program.url}",
                demo.lessons[1].url,
            ],
        ),
        ("mentor@demo.test", MENTOR_PASSWORD, ["/reviews/", f"/routes/{design.id}/review/"]),
        (
            "admin@demo.test",
            ADMIN_PASSWORD,
            [
                f"/cohorts/{cohort}/report/",
                "/reports/",
                f"/cohorts/{cohort}/teams/",
                f"/cohorts/{cohort}/teams/members/",
                f"/certificates/cohorts/{cohort}/",
                f"/cohorts/{cohort}/import/",
            ],
        ),
    ]
    found = {}
    for email, password, paths in pages:
        # CSP forbids inline script on the site; the injected axe script needs it.
        page = open_as(email, password, bypass_csp=True)
        for path in paths:
            response = page.goto(path)
            assert response.status == 200, path
            page.wait_for_load_state("networkidle")
            violations = _violations(page, axe_source)
            if violations:
                found[path] = violations
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


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
