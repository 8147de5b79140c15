import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

expect.set_options(timeout=15_000)

AXE_VERSION = "4.11.0"
AXE_DIR = Path(settings.BASE_DIR) / ".cache" / f"axe-core-{AXE_VERSION}"


@pytest.fixture(scope="session")
def axe_source():
    """axe-core's script, installed from npm at test time into .cache/ (tests using it carry
    the npm marker, tests/conftest.py); Playwright injects it into a page."""
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
