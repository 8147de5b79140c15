"""Shared fixtures, and the rules for tests that need PostgreSQL, a Celery worker or Chromium.

Where a service does not answer, its tests are skipped loudly (listed at the end of the
run); under CI=true the run fails instead, before any test starts.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import translation

from demo import artwork, content
from demo.build import build_demo, demo_exists, read_demo
from lms import celery_app
from tests.processes import celery_worker, database_url, postgresql_cluster

CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = "/usr/bin/chromium"
# Tests sign with a key of their own (published here, so worthless anywhere else); the web
# and worker processes tests start inherit it, and a SECRET_KEY, from the environment.
TEST_SIGNING_KEYS = "test-1:dGVzdHMtb25seS1jZXJ0aWZpY2F0ZS1zaWduaW5nLTE="
os.environ.setdefault("CERTIFICATE_SIGNING_KEYS", TEST_SIGNING_KEYS)
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-" + "x" * 40)


def _postgres_missing() -> str | None:
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return "DATABASE_URL does not point at PostgreSQL"
    return None


def _worker_missing() -> str | None:
    if not settings.CELERY_BROKER_URL:
        return "CELERY_BROKER_URL is not set"
    try:
        import redis

        redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=2).ping()
    except Exception as exc:  # any failure to reach the broker means: no worker tests
        return f"the broker does not answer ({exc.__class__.__name__})"
    return _postgres_missing()


def _browser_missing() -> str | None:
    if not os.path.exists(CHROMIUM):
        return f"{CHROMIUM} is not installed"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


def font_missing() -> str | None:
    """WeasyPrint drops glyphs it cannot find; certificates need a font with Cyrillic."""
    try:
        found = subprocess.run(
            ["fc-list", ":lang=ru", "family"], capture_output=True, text=True, timeout=20
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return "fontconfig (fc-list) is not installed"
    return None if "DejaVu Sans" in found else "no DejaVu Sans font with Cyrillic glyphs"


def _npm_missing() -> str | None:
    import shutil

    return None if shutil.which("npm") else "npm is not installed (make test installs it)"


def _restart_missing() -> str | None:

    missing = _postgres_missing()
    if missing:
        return missing
    if postgresql_cluster() is None:
        return "no local PostgreSQL cluster this user may restart (pg_ctlcluster)"
    return None


REQUIREMENTS = {
    "postgres": _postgres_missing,
    "celery_worker": _worker_missing,
    "browser": _browser_missing,
    "npm": _npm_missing,
    "postgres_restart": _restart_missing,
}


def pytest_configure(config):
    # Tests do not run collectstatic; serve static files without the hashed manifest.
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        WHITENOISE_AUTOREFRESH=True,
        CERTIFICATE_SIGNING_KEYS=os.environ["CERTIFICATE_SIGNING_KEYS"],
    ).enable()


def pytest_collection_modifyitems(config, items):
    reasons = {marker: check() for marker, check in REQUIREMENTS.items()}
    not_run: dict[str, list[str]] = {}
    for item in items:
        for marker, reason in reasons.items():
            if reason and item.get_closest_marker(marker):
                not_run.setdefault(f"{marker}: {reason}", []).append(item.nodeid)
                item.add_marker(pytest.mark.skip(reason=f"NOT RUN — {marker}: {reason}"))
    config._not_run = not_run
    if any(
        "collected_static" in getattr(item, "fixturenames", ())
        and not item.get_closest_marker("skip")
        for item in items
    ):
        _collect_static_beside(config)
    font = font_missing()
    if font:
        pdf_tests = [item.nodeid for item in items if "pdf" in item.nodeid.lower()]
        not_run[f"fonts: {font} (PDF text checks will fail)"] = pdf_tests
    if CI and not_run:
        lines = [f"  {why} ({len(ids)} tests)" for why, ids in not_run.items()]
        raise pytest.UsageError(
            "CI=true, but tests need what this machine does not give:\n" + "\n".join(lines)
        )


def _collect_static_beside(config):
    """Start collectstatic (hashed and compressed, as for a release) in a process of its own
    as the session begins: it takes half a minute of one core, which the tests, running in
    one process, leave idle. The `collected_static` fixture waits for it."""
    root = Path(tempfile.mkdtemp(prefix="pytest-static-"))
    log = root.with_suffix(".log")
    env = {**os.environ, "DEBUG": "false", "STATIC_ROOT": str(root)}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=lambda: os.nice(10),  # the tests come first
        )
    config._collectstatic = (process, root, log)
    return config._collectstatic


def pytest_unconfigure(config):
    started = getattr(config, "_collectstatic", None)
    if started:
        process, root, log = started
        if process.poll() is None:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)
        log.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def collected_static(pytestconfig) -> Path:
    """The static files as collectstatic leaves them for a release (see above)."""
    started = getattr(pytestconfig, "_collectstatic", None) or _collect_static_beside(pytestconfig)
    process, root, log = started
    if process.wait(timeout=900) != 0:
        pytest.fail(f"collectstatic failed:\n{log.read_text(errors='replace')}")
    return root


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    not_run = getattr(config, "_not_run", {})
    if not not_run:
        return
    terminalreporter.section("TESTS NOT RUN ON THIS MACHINE", sep="!", red=True, bold=True)
    for why, ids in not_run.items():
        terminalreporter.write_line(f"{why}:", red=True, bold=True)
        for nodeid in ids:
            terminalreporter.write_line(f"    {nodeid}", red=True)


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=str(root)):
        yield root


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters and other cached values never leak from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def russian_after_each_test():
    """A request in English (the language switch) leaves English active in the thread; the
    next test starts in Russian, as a new request would."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def celery_in_process(request):
    """Tasks run in-process except in tests that go through the real worker."""
    eager = request.node.get_closest_marker("celery_worker") is None
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The Russian demo, built once per test session into the test database. Each test then
    runs in a transaction rolled back after it, so every test starts from the same demo.

    Transactional tests (a live server, a real worker) commit, and pytest-django empties
    every table after each of them; the `demo` fixture builds the demo again where it is
    gone. pytest-django runs them after all the others."""
    with django_db_blocker.unblock():
        if not demo_exists():  # with --reuse-db it may be there from the last run
            build_demo()
        else:  # ... but not its pictures, which lived in the last run's media folder
            artwork.redraw_missing(content.CERTIFICATE_TEMPLATE["organisation"])
        if connection.vendor == "postgresql":
            _snapshot_demo()


SNAPSHOT = "demo_snapshot"


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _snapshot_demo() -> None:
    """A copy of every table as the demo left it, in a schema of its own (pytest-django's
    flush empties only the tables of the public schema)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SNAPSHOT} CASCADE; CREATE SCHEMA {SNAPSHOT}")
        for table in _tables():
            cursor.execute(f'CREATE TABLE {SNAPSHOT}."{table}" AS TABLE public."{table}"')


def _restore_demo() -> None:
    """The demo back after a flush, far quicker than building it again: every table emptied,
    rows copied from the snapshot with foreign-key triggers off, sequences moved past them."""
    from django.apps import apps
    from django.core.management.color import no_style

    tables = ", ".join(f'public."{table}"' for table in _tables())
    with connection.cursor() as cursor:
        # The flush's post_migrate has put content types and permissions back: start empty.
        cursor.execute(f"TRUNCATE {tables}")
        cursor.execute("SET session_replication_role = replica")
        try:
            for table in _tables():
                cursor.execute(f'INSERT INTO public."{table}" SELECT * FROM {SNAPSHOT}."{table}"')
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)


def _transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )


@pytest.fixture
def demo(request, db):
    """The demo's pages, cohort, enterprises and people, read afresh for this test."""
    if _transactional(request) and not demo_exists():
        # A transactional test before this one emptied the database.
        if connection.vendor != "postgresql":
            return build_demo()
        _restore_demo()
    return read_demo()


@pytest.fixture
def empty_database(transactional_db):
    """A database without the demo (nor Wagtail's root page): for tests of building it."""
    call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, media_root, tmp_path_factory):
    """A real `celery -A lms worker` process on the test database and the test broker."""

    log = tmp_path_factory.mktemp("celery") / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(media_root),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_TASK_DEFAULT_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
    }
    celery_app.control.purge()
    name = f"pytest-{os.getpid()}@localhost"
    worker = celery_worker(log, env, name)
    try:
        worker.start()
    except RuntimeError as exc:
        pytest.fail(f"the Celery worker did not start:\n{exc}")
    yield {"process": worker.popen, "log": log, "name": name}
    worker.stop()


@pytest.fixture
def chromium_browser():
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
