"""On a 375-px-wide phone nothing overflows sideways: tables scroll inside their own box."""

import pytest

from lms.demo import ADMIN_PASSWORD, LEARNER_PASSWORD, MENTOR_PASSWORD, build_demo
from tests.routes import build_submitted_route

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def _phone(chromium_browser, live_server, email=None, password=None):
    context = chromium_browser.new_context(
        base_url=live_server.url, viewport={"width": 375, "height": 740}, locale="ru-RU"
    )
    page = context.new_page()
    if email:
        page.goto("/accounts/login/")
        page.fill("input[name=login]", email)
        page.fill("input[name=password]", password)
        page.locator("form button[type=submit]").last.click()
        page.wait_for_url("**/dashboard/")
    return context, page


def test_learner_mentor_and_admin_pages_fit_a_phone(chromium_browser, live_server, tmp_path):
    demo = build_demo()
    design = build_submitted_route(demo)
    lesson = demo.lessons[0]
    pages = [
        (None, None, ["/", demo.program.url, "/verify/", "/accounts/login/"]),
        (
            "kuzbass.captain@demo.test",
            LEARNER_PASSWORD,
            ["/dashboard/", lesson.url, f"/routes/{design.id}/", "/profile/", "/notifications/"],
        ),
        ("mentor@demo.test", MENTOR_PASSWORD, ["/reviews/", f"/routes/{design.id}/review/"]),
        (
            "admin@demo.test",
            ADMIN_PASSWORD,
            [
                f"/cohorts/{demo.cohort.id}/report/",
                f"/certificates/cohorts/{demo.cohort.id}/",
                f"/cohorts/{demo.cohort.id}/import/",
            ],
        ),
    ]
    wide = {}
    for email, password, paths in pages:
        context, page = _phone(chromium_browser, live_server, email, password)
        for path in paths:
            page.goto(path)
            page.wait_for_load_state("networkidle")
            overflow = page.evaluate(OVERFLOW)
            if overflow > 0:
                page.screenshot(path=str(tmp_path / f"{len(wide)}.png"), full_page=True)
                wide[path] = overflow
        context.close()
    assert wide == {}, f"pages wider than a 375-px phone (px too wide): {wide}"
