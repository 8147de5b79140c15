"""The header: one row of sections at 1024 px for the role with the most links, the page one
is on marked, and on a phone the sections fold behind a «Меню» button that opens them."""

import pytest
from playwright.sync_api import expect

from demo.build import ADMIN_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROWS = """() => new Set([...document.querySelectorAll('#site-nav a')]
    .map(a => Math.round(a.getBoundingClientRect().top))).size"""


def test_the_admins_sections_fit_one_row_at_1024_and_fold_on_a_phone(open_as, demo):
    page = open_as("admin@demo.test", ADMIN_PASSWORD, viewport={"width": 1024, "height": 700})
    page.goto(f"/cohorts/{demo.cohort.id}/report/")
    assert page.locator("#site-nav a").count() >= 8
    assert page.evaluate(ROWS) == 1
    utility_top = page.evaluate(
        "() => [...document.querySelectorAll('.utility > *')]"
        ".map(e => e.getBoundingClientRect().top)"
    )
    assert max(utility_top) - min(utility_top) < 12  # the top bar is one line too
    assert page.locator(".menu-toggle").is_hidden()
    current = page.locator('#site-nav a[aria-current="page"]')
    assert current.count() == 1 and current.inner_text() == "Отчёты"

    page.set_viewport_size({"width": 375, "height": 740})
    toggle = page.locator(".menu-toggle")
    # The menu folds on the media query's change event, after the resize: wait for it.
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#site-nav")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#site-nav")).to_be_visible()
    page.locator("#site-nav a", has_text="Кейсы регионов").click()
    assert page.url.endswith("/cases/")
    assert page.locator('#site-nav a[aria-current="page"]').count() == 1
