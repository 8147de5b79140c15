"""Faults on the production path: the broker down while people work, and nothing lost.

Each test runs a Redis server of its own, which it stops and starts again, and a real
Celery worker process on it; the web side is the Django test client on PostgreSQL.
"""

import os
import re
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments.models import RouteDesign
from assessments.services import save_route_draft, start_route
from certificates.models import BulkIssue, Certificate, SerialCounter
from core.models import OutboxMessage
from lms import celery_app
from tests.builders.routes import build_many_graduates, kuzbass_stops, kuzbass_team_of, studio_post
from tests.helpers import login
from tests.processes import Redis, celery_worker, database_url

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def own_broker(tmp_path, monkeypatch):
    """Point this process at a Redis of the test's own; restore the shared one afterwards."""
    redis = Redis(tmp_path)
    redis.start()
    # Celery reads CELERY_BROKER_URL from the environment before its configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", redis.url)
    monkeypatch.setitem(celery_app.conf, "broker_url", redis.url)
    celery_app._after_fork()  # drop pooled connections to the old broker
    assert celery_app.connection_for_write().as_uri().endswith(f":{redis.port}/0")
    yield redis
    redis.stop()
    monkeypatch.undo()
    celery_app._after_fork()


@pytest.fixture
def start_worker(tmp_path, media_root, own_broker):
    started = []

    def start(**extra_env):
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "MEDIA_ROOT": str(media_root),
            "CELERY_BROKER_URL": own_broker.url,
            **extra_env,
        }
        worker = celery_worker(tmp_path / "worker.log", env, f"faults-{os.getpid()}@localhost")
        started.append(worker.start())
        return worker

    yield start
    for worker in started:
        worker.stop()


def _wait(condition, timeout=120, what="the work"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError(f"{what} did not finish in time")


def _recipients(folder: Path) -> list[str]:
    text = "".join(p.read_text(errors="replace") for p in sorted(folder.glob("*.log")))
    return sorted(re.findall(r"^To: (.+)$", text, re.M))


def test_route_submitted_while_redis_is_down_is_mailed_once_when_it_is_back(
    client, own_broker, start_worker, tmp_path, demo
):
    team = kuzbass_team_of(demo)
    captain = team.memberships.get(role="captain").user
    design = start_route(team=team, assignment=demo.assignment)
    draft = save_route_draft(
        design=design,
        user=captain,
        title="Уголь, азот и рельсы",
        narrative="Один день — три отрасли.",
        stops=kuzbass_stops(demo),
        lock_version=0,
    )

    stops = [
        (s.enterprise, s.arrival_time.strftime("%H:%M"))
        for s in draft.stops.all()
        if s.enterprise is not None
    ]
    own_broker.stop()  # the broker goes away while the captain is working

    login(client, captain)
    response = client.post(
        reverse("assessments:studio", args=[design.id]),
        studio_post(design, draft, stops, submit="1"),
        follow=True,
    )
    assert response.status_code == 200
    assert "Маршрут отправлен наставнику." in response.content.decode()
    design.refresh_from_db()
    assert design.state == RouteDesign.State.SUBMITTED
    waiting = OutboxMessage.objects.filter(task="lms.tasks.send_email", sent_at__isnull=True)
    assert waiting.count() >= 1, "the mentor's e-mail must wait in the outbox"
    assert all(m.attempts == 1 and "connect" in m.last_error.lower() for m in waiting)
    recipients = sorted(m.args[0] for m in waiting)
    assert demo.users["mentor"].email in recipients

    own_broker.start()
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    start_worker(EMAIL_URL=f"filemail:///{mail_dir}")
    call_command("relay_outbox")
    _wait(lambda: len(_recipients(mail_dir)) >= len(recipients), what="the queued e-mail")
    call_command("relay_outbox")  # a second relay finds nothing left to send
    time.sleep(3)
    assert _recipients(mail_dir) == recipients  # each exactly once
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()


def test_certificates_issued_while_redis_is_down_are_made_once_when_it_is_back(
    client, own_broker, start_worker, tmp_path, demo
):
    graduates = build_many_graduates(demo, 6, prefix="outage")
    own_broker.stop()

    login(client, demo.users["admin"])
    response = client.post(
        reverse("certificates:bulk_issue", args=[demo.cohort.id]),
        {"selected": [str(u.pk) for u in graduates]},
    )
    assert response.status_code == 302
    job = BulkIssue.objects.get()
    assert response["Location"] == reverse("certificates:bulk", args=[job.id])
    assert job.items.count() == 6
    assert (
        OutboxMessage.objects.filter(
            task="certificates.tasks.issue_bulk_item", sent_at__isnull=True
        ).count()
        == 6
    )
    assert client.get(response["Location"]).status_code == 200  # progress page, 0 of 6

    own_broker.start()
    worker = start_worker()
    call_command("relay_outbox")
    _wait(lambda: job.progress()["finished"], what="the bulk issue")
    call_command("relay_outbox")
    time.sleep(2)
    assert job.progress() == {"total": 6, "done": 6, "failed": 0, "finished": True, "percent": 100}
    assert Certificate.objects.filter(holder__in=graduates).count() == 6
    assert SerialCounter.objects.get().last_number == 6
    log = worker.output()
    assert len(re.findall(r"issue_bulk_item\[[^\]]+\] succeeded", log)) == 6
