"""Page figures for `make bench`: the Django test client and real HTTP under gunicorn (two
workers) driven by wrk, on the small demo and on the large generated installation.

Each page is set beside a bare Wagtail page served by the same process (the floor). Each
dataset lives in a scratch PostgreSQL database of its own; the preparing and the test-client
measuring run in a subprocess pointed at it.
"""

import functools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_CACHE = "redis://127.0.0.1:6379/12"
CLIENT_REQUESTS = 60
WRK_SECONDS = 2
WRK_ROUNDS = 3
PAGES = [
    # (name, who) — the URL is filled in by `prepare`
    ("floor: bare Wagtail page", None),
    ("floor: bare Wagtail page, signed in", "learner"),
    ("home, visitor (cached)", None),
    ("program page, visitor (cached)", None),
    ("program page, learner", "learner"),
    ("verify page", None),
    ("lesson page", "learner"),
    ("learner dashboard", "learner"),
    ("route studio", "learner"),
    ("studio live check (POST, 5 stops)", "learner"),
    ("mentor review queue", "mentor"),
    ("mentor review page", "mentor"),
    ("cohort report, as admin", "admin"),
    ("cohort report, as mentor", "mentor"),
]


_STATIC = Path(tempfile.mkdtemp(prefix="bench-static-"))


def _env(database: str) -> dict:
    """Production-like settings for the children: DEBUG off, collected static files."""
    env = {
        **os.environ,
        "DATABASE_URL": _server_url(database),
        "DEBUG": "false",
        "STATIC_ROOT": str(_STATIC),
        "CONN_MAX_AGE": "60",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "RATE_LIMITS": "false",  # the load tool is one client asking thousands of times
        "CACHE_URL": BENCH_CACHE,  # as in production: shared by the workers, sessions in it
    }
    env.pop("CELERY_BROKER_URL", None)  # tasks run in-process while preparing
    if not (_STATIC / "staticfiles.json").exists():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            env=env,
            cwd=ROOT,
            check=True,
        )
    return env


def _server_url(name: str) -> str:
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def _fresh_database(name: str) -> None:
    import psycopg

    with psycopg.connect(_server_url("postgres"), autocommit=True) as db:
        db.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        db.execute(f"CREATE DATABASE {name}")


# --- in the subprocess, on one dataset -------------------------------------------------------


def prepare(large: bool) -> dict:
    """Build the dataset; return the URLs and a session cookie per role."""
    # Imported here: this runs in a child process pointed at its own database, after
    # django.setup(); the parent process never loads the apps.
    import datetime as dt

    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from wagtail.models import Page

    from assessments.services import StopData, draft_of, start_route
    from lms.models import Team
    from lms.privacy import current_policy
    from lms.services import record_consent
    from tests.builders.routes import (
        build_submitted_route,
        certified_graduate,
        kuzbass_team_of,
        studio_post,
    )

    if large:
        from demo.largedata import generate

        demo, counts = generate()
    else:
        from demo.build import build_demo

        demo, counts = build_demo(), {}
    floor = demo.home.add_child(instance=Page(title="Пустая страница", slug="floor"))
    certificate = certified_graduate(demo)
    # One route waits for the mentor on the demo too, so the queue's queries compare like
    # for like (an empty page skips the page query).
    omsk = Team.objects.get(cohort=demo.cohort, name="Команда Омской области")
    enterprises = demo.enterprises
    waiting = build_submitted_route(
        demo,
        team=omsk,
        stops=[
            StopData(enterprises["Омский каучук"].pk, dt.time(10, 0), 90, 30),
            StopData(enterprises["НПО «МИР»"].pk, dt.time(12, 0), 60, 0),
        ],
    )
    design = start_route(team=kuzbass_team_of(demo), assignment=demo.assignment)
    # The live check posts the form as typed: every Kuzbass site, one after another.
    kuzbass = sorted(
        (e for e in enterprises.values() if e.region_id == design.team.region_id),
        key=lambda e: e.name,
    )
    live_check = studio_post(
        design,
        draft_of(design),
        [(e, f"{9 + i * 100 // 60:02d}:{i * 100 % 60:02d}") for i, e in enumerate(kuzbass)],
    )
    cookies = {}
    policy = current_policy()
    for role, key in [("learner", "kuzbass_captain"), ("mentor", "mentor"), ("admin", "admin")]:
        user = demo.users[key]
        if policy is not None:
            record_consent(user, policy)
        session = SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
        session.create()
        cookies[role] = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
    urls = {
        "floor: bare Wagtail page": floor.url,
        "floor: bare Wagtail page, signed in": floor.url,
        "home, visitor (cached)": "/",
        "program page, visitor (cached)": demo.program.url,
        "program page, learner": demo.program.url,
        "verify page": certificate.get_verify_path(),
        "lesson page": demo.lessons[0].url,
        "learner dashboard": "/dashboard/",
        "route studio": f"/routes/{design.id}/",
        "studio live check (POST, 5 stops)": f"/routes/{design.id}/check/",
        "mentor review queue": "/reviews/",
        "mentor review page": f"/routes/{waiting.id}/review/",
        "cohort report, as admin": f"/cohorts/{demo.cohort.id}/report/",
        "cohort report, as mentor": f"/cohorts/{demo.cohort.id}/report/",
    }
    posts = {"studio live check (POST, 5 stops)": live_check}
    return {"urls": urls, "posts": posts, "cookies": cookies, "counts": counts}


def _count_queries(connection, request) -> list[str]:
    queries = []

    def record(execute, sql, *args):
        queries.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(record):
        request()
    return queries


def client_figures(setup: dict) -> dict:
    """Median and p95 per page, the requests interleaved (one to each page in turn) so the
    floor and every page see the same machine: on a shared VM the speed drifts by half
    within seconds, which skews ratios measured one page after another."""
    from django.db import connection
    from django.test import Client

    clients, queries = {}, {}
    for name, who in PAGES:
        client = Client()
        if who:
            key, value = setup["cookies"][who].split("=", 1)
            client.cookies[key] = value
        url = setup["urls"][name]
        data = setup["posts"].get(name)
        request = (
            functools.partial(client.get, url)
            if data is None
            else functools.partial(client.post, url, data)
        )
        response = request()
        assert response.status_code == 200, (name, url, response.status_code)
        queries[name] = len(_count_queries(connection, request))
        clients[name] = request
    times = {name: [] for name in clients}
    for _ in range(CLIENT_REQUESTS):
        for name, request in clients.items():
            start = time.perf_counter()
            request()
            times[name].append(time.perf_counter() - start)
    figures = {}
    for name, samples in times.items():
        samples.sort()
        figures[name] = {
            "median": statistics.median(samples),
            "p95": samples[int(0.95 * (len(samples) - 1))],
            "queries": queries[name],
        }
    return figures


def child_main(large: bool) -> None:
    import django

    django.setup()
    setup = prepare(large)
    setup["client"] = client_figures(setup)
    print("BENCH-JSON " + json.dumps(setup, ensure_ascii=False))


# --- in the bench process ----------------------------------------------------------------------


def _dataset(database: str, large: bool) -> dict:
    import redis

    redis.Redis.from_url(BENCH_CACHE).flushdb()
    _fresh_database(database)
    env = _env(database)
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True
    )
    out = subprocess.run(
        [python, "-m", "bench.pages", "large" if large else "small"],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return json.loads(out.split("BENCH-JSON ", 1)[1])


def _gunicorn_figures(database: str, setup: dict) -> dict:
    from tests.processes import free_port

    wrk = shutil.which("wrk")
    if wrk is None:
        return {}
    port = free_port()
    work = Path(tempfile.mkdtemp())
    log = work / "access.log"
    env = _env(database)
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "lms.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            str(log),
            "--access-logformat",
            "%(U)s %(D)s %(s)s",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import urllib.request

        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        # Short runs in rounds, each page in turn, so drift in the machine's speed falls on
        # the floor and the pages alike.
        # Only the GET pages: the live check is a form post, measured by the test client.
        pages = [(name, who) for name, who in PAGES if name not in setup["posts"]]
        micros, rates = {name: [] for name, _ in pages}, {name: [] for name, _ in pages}
        for _round in range(WRK_ROUNDS):
            for name, who in pages:
                url = setup["urls"][name]
                log.write_text("")
                args = [wrk, "-t2", "-c4", f"-d{WRK_SECONDS}s", "--latency"]
                if who:
                    args += ["-H", f"Cookie: {setup['cookies'][who]}"]
                out = subprocess.run(
                    args + [f"http://127.0.0.1:{port}{url}"],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                rates[name].append(float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)))
                path = url.split("?")[0]
                lines = [line.split() for line in log.read_text().splitlines()]
                served = [int(d) for u, d, s in lines if u == path and s == "200"]
                assert served, f"no 200 responses for {name} in the access log:\n{out}"
                micros[name] += served
        figures = {}
        for name, served in micros.items():
            served.sort()
            figures[name] = {
                "median": statistics.median(served) / 1e6,
                "p95": served[int(0.95 * (len(served) - 1))] / 1e6,
                "rps": statistics.mean(rates[name]),
            }
        return figures
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


def figures() -> list[tuple[str, str, str]]:
    from django.conf import settings

    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        return [("Page figures", "NOT RUN", "needs PostgreSQL")]
    small = _dataset("promtourism_pages_small", large=False)
    large = _dataset("promtourism_pages_large", large=True)
    http = _gunicorn_figures("promtourism_pages_large", large)
    rows = [("Large dataset", ", ".join(f"{v:,} {k}" for k, v in large["counts"].items()), "")]
    floors = {None: "floor: bare Wagtail page"}  # signed-in pages: the signed-in floor
    for name, who in PAGES:
        floor = floors.get(who, "floor: bare Wagtail page, signed in")
        floor_c = large["client"][floor]["median"]
        floor_h = http.get(floor, {}).get("median")
        c, s = large["client"][name], small["client"][name]
        same = "same" if c["queries"] == s["queries"] else f"demo {s['queries']} → large"
        rows.append(
            (
                f"{name} — test client",
                f"{c['median'] * 1000:.1f} ms",
                f"p95 {c['p95'] * 1000:.1f} ms · {c['median'] / floor_c:.1f}× floor "
                f"({c['p95'] / large['client'][floor]['p95']:.1f}× at p95) · "
                f"{c['queries']} queries ({same})",
            )
        )
        if name in http:
            h = http[name]
            rows.append(
                (
                    f"{name} — gunicorn ×2 + wrk",
                    f"{h['median'] * 1000:.1f} ms",
                    f"p95 {h['p95'] * 1000:.1f} ms · {h['rps']:.0f} req/s · "
                    f"{h['median'] / floor_h:.1f}× floor",
                )
            )
    if not http:
        rows.append(("Pages under gunicorn", "NOT RUN", "wrk is not installed"))
    return rows


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")
    sys.path.insert(0, str(ROOT))
    child_main(large=sys.argv[1] == "large")
