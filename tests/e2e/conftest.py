import re

import pytest
from playwright.sync_api import expect

expect.set_options(timeout=15_000)


@pytest.fixture
def open_as(chromium_browser, live_server):
    """A function that opens a new browser context, signed in as the given user."""
    contexts = []

    def open_as(email=None, password=None, **context_options):
        context = chromium_browser.new_context(
            base_url=live_server.url, locale="ru-RU", **context_options
        )
        contexts.append(context)
        page = context.new_page()
        if email:
            page.goto("/accounts/login/")
            page.fill("input[name=login]", email)
            page.fill("input[name=password]", password)
            page.locator("form button[type=submit]").last.click()
            expect(page).to_have_url(re.compile(r"/dashboard/$"))
        return page

    yield open_as
    for context in contexts:
        context.close()
