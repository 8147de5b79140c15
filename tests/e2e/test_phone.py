"""On a 375-px-wide phone nothing overflows sideways: tables scroll inside their own box."""

import pytest

from demo.build import ADMIN_PASSWORD, LEARNER_PASSWORD, MENTOR_PASSWORD
from tests.builders.routes import build_submitted_route

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def test_learner_mentor_and_admin_pages_fit_a_phone(open_as, tmp_path, demo):
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
        page = open_as(email, password, viewport={"width": 375, "height": 740})
        for path in paths:
            page.goto(path)
            page.wait_for_load_state("networkidle")
            overflow = page.evaluate(OVERFLOW)
            if overflow > 0:
                page.screenshot(path=str(tmp_path / f"{len(wide)}.png"), full_page=True)
                wide[path] = overflow
    assert wide == {}, f"pages wider than a 375-px phone (px too wide): {wide}"
