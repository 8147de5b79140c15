"""The production shape, end to end: exactly the processes in deploy/ (gunicorn with two
workers, two Celery workers, beat) on loopback against PostgreSQL and Redis, driven over
HTTP like a browser would, then PostgreSQL restarted between requests."""

import os
import re
import time

import pytest
import redis
import requests
from django.db import connection
from django.urls import reverse

from assessments.models import RouteDesign
from certificates.models import Certificate
from tests.builders.routes import build_many_graduates, studio_post
from tests.processes import Process, database_url, free_port, restart_postgresql, unit_command

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.celery_worker,
    pytest.mark.postgres_restart,
    pytest.mark.django_db(transaction=True),
]
GRADUATES = 10
SHARED_CACHE = "redis://127.0.0.1:6379/13"


@pytest.fixture
def production(tmp_path, media_root, collected_static, django_db_blocker):
    """Start the deploy/ commands; yield the site's address and the processes. The hashed,
    compressed static files come from collectstatic, run once per release as the README says
    (here: once per test session, beside the other tests)."""
    port = free_port()
    static_root = collected_static
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_TASK_DEFAULT_QUEUE": f"smoke-{os.getpid()}",
        "MEDIA_ROOT": str(media_root),
        "STATIC_ROOT": str(static_root),
        "DEBUG": "false",
        "CONN_MAX_AGE": "60",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "INFO",
        "CACHE_URL": SHARED_CACHE,
    }
    redis.Redis.from_url(SHARED_CACHE).flushdb()
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    web = unit_command("promtourism-web.service")
    web[web.index("--bind") + 1] = f"127.0.0.1:{port}"
    beat = unit_command("promtourism-beat.service")
    beat = [a if not a.startswith("--schedule=") else f"--schedule={tmp_path}/beat" for a in beat]
    processes = {
        "web": Process(web, tmp_path / "web.log", env, "Listening at"),
        "worker1": Process(
            unit_command("promtourism-worker@.service", "1"), tmp_path / "w1.log", env, " ready."
        ),
        "worker2": Process(
            unit_command("promtourism-worker@.service", "2"), tmp_path / "w2.log", env, " ready."
        ),
        "beat": Process(beat, tmp_path / "beat.log", env, "beat: Starting"),
    }
    try:
        for process in processes.values():
            process.launch()
        for process in processes.values():
            process.wait_ready()
        while processes["web"].output().count("Booting worker") < 2:
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", processes
    finally:
        for process in processes.values():
            process.stop()


def _login(base, email, password):
    session = requests.Session()
    session.get(f"{base}/accounts/login/", timeout=30).raise_for_status()
    response = session.post(
        f"{base}/accounts/login/",
        {
            "login": email,
            "password": password,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=30,
    )
    assert response.status_code == 200 and "sessionid" in session.cookies, response.text[:500]
    return session


def _post(session, base, path, data):
    data = {**data, "csrfmiddlewaretoken": session.cookies["csrftoken"]}
    return session.post(f"{base}{path}", data, headers={"Referer": f"{base}{path}"}, timeout=60)


def _succeeded(log: str, task: str) -> int:
    return len(re.findall(rf"{re.escape(task)}\[[^\]]+\] succeeded", log))


def test_the_deploy_processes_serve_the_journey_and_share_the_work(production, demo):
    base, processes = production
    *graduates, late = build_many_graduates(demo, GRADUATES + 1, prefix="smoke")

    # The public.
    home = requests.get(base + "/", timeout=30)
    assert home.status_code == 200 and "Промтуризм.Академия" in home.text
    assert "Content-Security-Policy" in home.headers
    css = re.search(r'href="(/static/[^"]+\.css)"', home.text).group(1)
    assert re.search(r"\.[0-9a-f]{12}\.css$", css), "collectstatic's hashed names are served"
    assert requests.get(base + css, timeout=30).status_code == 200

    # A captain studies, designs and submits the team's route (the Kuzbass team's graduates
    # above already have theirs accepted).
    captain = _login(base, "omsk.captain@demo.test", "demo-learner-2026")
    assert "Мой кабинет" in captain.get(base + reverse("dashboard"), timeout=30).text
    assert captain.get(base + demo.program.url, timeout=30).status_code == 200
    assert captain.get(base + demo.lessons[0].url, timeout=30).status_code == 200
    response = _post(
        captain, base, reverse("assessments:start_route", args=[demo.assignment.id]), {}
    )
    assert response.status_code == 200
    design = RouteDesign.objects.get(team__name="Команда Омской области")
    draft = design.versions.get()
    stops = [
        (demo.enterprises["Омский каучук"], "10:00"),
        (demo.enterprises["НПО «МИР»"], "12:30"),
    ]
    response = _post(
        captain,
        base,
        reverse("assessments:studio", args=[design.id]),
        studio_post(design, draft, stops, submit="1"),
    )
    assert "Маршрут отправлен наставнику." in response.text
    design.refresh_from_db()
    assert design.state == RouteDesign.State.SUBMITTED

    # The mentor sees it in the queue and accepts it.
    mentor = _login(base, "mentor@demo.test", "demo-mentor-2026")
    assert "Команда Омской области" in mentor.get(base + reverse("assessments:review_queue")).text
    data = {f"criterion_{c.pk}": "3" for c in demo.assignment.rubric.criteria.all()}
    data.update({"comment": "Принято.", "decision": "accept", "publish": "1"})
    response = _post(mentor, base, reverse("assessments:review", args=[design.id]), data)
    assert response.status_code == 200, response.text[:500]
    design.refresh_from_db()
    assert design.state == RouteDesign.State.ACCEPTED

    # The admin issues certificates in bulk; both Celery workers take a share.
    admin = _login(base, "admin@demo.test", "demo-admin-2026")
    response = _post(
        admin,
        base,
        reverse("certificates:bulk_issue", args=[demo.cohort.id]),
        {"selected": [str(u.pk) for u in graduates]},
    )
    assert response.status_code == 200 and "/certificates/bulk/" in response.url
    deadline = time.monotonic() + 180
    while Certificate.objects.filter(holder__in=graduates, pdf="").exists() or (
        Certificate.objects.filter(holder__in=graduates).count() < GRADUATES
    ):
        assert time.monotonic() < deadline, "the workers did not issue the certificates"
        time.sleep(0.5)
    logs = [processes[w].output() for w in ("worker1", "worker2")]
    shares = [_succeeded(log, "certificates.tasks.issue_bulk_item") for log in logs]
    assert sum(shares) == GRADUATES and all(shares), f"tasks per worker: {shares}"
    assert "worker1@localhost ready." in logs[0] and "worker2@localhost ready." in logs[1]

    certificate = Certificate.objects.filter(holder__in=graduates).first()
    pdf = admin.get(base + reverse("certificates:pdf", args=[certificate.pk]), timeout=30)
    assert pdf.headers["Content-Type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"
    verify = requests.get(base + certificate.get_verify_path(), timeout=30)
    assert verify.status_code == 200 and certificate.serial in verify.text
    assert processes["beat"].popen.poll() is None, processes["beat"].output()

    # The verify page's rate limit is counted in Redis, shared by both gunicorn workers: a
    # per-process count would let a client through twice as often.
    anonymous = requests.Session()
    codes = [
        anonymous.get(base + certificate.get_verify_path(), timeout=30).status_code
        for _ in range(62)
    ]
    assert 429 in codes and codes.index(429) <= 61
    keys = redis.Redis.from_url(SHARED_CACHE).keys("*ratelimit:verify:*")
    assert keys, "the rate-limit counter is not in the shared cache"

    # PostgreSQL restarts (fast shutdown: every session is cut). The web processes keep
    # persistent connections (CONN_MAX_AGE) and must recover on the next request through
    # CONN_HEALTH_CHECKS, not answer 500; the workers must take and finish new work.
    for _ in range(4):
        assert admin.get(base + reverse("dashboard"), timeout=30).status_code == 200
    restart_postgresql()
    connection.close()  # this process's own session was cut too
    for _ in range(6):
        response = admin.get(base + reverse("dashboard"), timeout=30)
        assert response.status_code == 200, processes["web"].output()[-3000:]
    assert "server closed the connection" not in processes["web"].output()
    response = _post(admin, base, reverse("certificates:issue", args=[demo.cohort.id, late.pk]), {})
    assert response.status_code == 200 and "выдано" in response.text, response.text[:500]
    deadline = time.monotonic() + 120
    while not Certificate.objects.filter(holder=late).exclude(pdf="").exists():
        assert time.monotonic() < deadline, "no worker made the PDF after the restart"
        time.sleep(0.5)
    logs = processes["worker1"].output() + processes["worker2"].output()
    assert _succeeded(logs, "certificates.tasks.render_certificate_pdf") >= 1, logs[-3000:]
