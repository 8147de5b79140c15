"""The production path: PostgreSQL, Redis and a real `celery -A lms worker` process."""

import time
from functools import partial

import pytest

from certificates.models import BulkIssueItem, Certificate, SerialCounter
from certificates.services import bulk, issue_certificate, run_bulk_item, start_bulk_issue
from lms.roles import CERTIFICATE_ADMIN
from lms.services import user_create
from tests.builders.routes import build_graduates, build_many_graduates
from tests.helpers import at_once, pdf_text

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def wait_for_pdf(certificate_id, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        certificate = Certificate.objects.get(pk=certificate_id)
        if certificate.pdf:
            return certificate
        time.sleep(0.25)
    raise AssertionError("the worker did not render the PDF in time")


@pytest.mark.celery_worker
def test_worker_renders_the_certificate_pdf_with_cyrillic_name_and_serial(
    celery_worker_process, demo
):
    holder = build_graduates(demo)[0]
    certificate = issue_certificate(
        holder=holder, cohort=demo.cohort, issued_by=demo.users["admin"]
    )
    # The request returns at once; the PDF comes from the worker process.
    certificate = wait_for_pdf(certificate.pk)
    text = " ".join(pdf_text(certificate.pdf.read()).split())
    assert "Кузнецова Елена Игоревна" in text
    assert certificate.serial in text
    log = celery_worker_process["log"].read_text()
    assert "certificates.tasks.render_certificate_pdf" in log
    assert "succeeded" in log


def test_two_admins_issuing_at_once_make_one_certificate_and_one_serial(demo):
    holder = build_graduates(demo)[0]
    issue = partial(
        issue_certificate, holder=holder, cohort=demo.cohort, issued_by=demo.users["admin"]
    )
    results = at_once(issue, issue)
    assert len({c.pk for c in results}) == 1
    assert Certificate.objects.count() == 1
    assert SerialCounter.objects.get().last_number == 1


def _wait_for_job(job, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        progress = job.progress()
        if progress["finished"]:
            return progress
        time.sleep(0.25)
    raise AssertionError(f"the bulk issue did not finish in time: {job.progress()}")


@pytest.mark.celery_worker
def test_bulk_issue_of_50_survives_a_worker_process_killed_mid_task(celery_worker_process, demo):
    import os
    import signal

    graduates = build_many_graduates(demo, 50)
    job = start_bulk_issue(cohort=demo.cohort, started_by=demo.users["admin"])
    assert job.items.count() == 50
    # Kill the pool process while it is in the middle of a certificate, a few items in. A kill
    # can land just between two tasks; then try again on the next running one.
    deadline = time.monotonic() + 120
    killed = None
    while killed is None and time.monotonic() < deadline:
        running = job.items.filter(status=BulkIssueItem.Status.RUNNING).first()
        if running and job.items.filter(status=BulkIssueItem.Status.DONE).count() >= 5:
            try:
                os.kill(running.worker_pid, signal.SIGKILL)
            except ProcessLookupError:
                continue
            time.sleep(3)  # the pool replaces the process and the message comes back
            if job.items.filter(pk=running.pk, attempts__gte=2).exists() or (
                job.items.get(pk=running.pk).status != BulkIssueItem.Status.DONE
            ):
                killed = running
        time.sleep(0.01)
    assert killed is not None, "no task was seen running"
    progress = _wait_for_job(job)
    assert progress == {"total": 50, "done": 50, "failed": 0, "finished": True, "percent": 100}
    certificates = Certificate.objects.filter(holder__in=graduates)
    assert certificates.count() == 50  # each exactly once
    assert all(c.pdf and c.pdf.storage.exists(c.pdf.name) for c in certificates)
    assert SerialCounter.objects.get().last_number == 50  # no serial lost or doubled
    # The killed task was delivered again and finished the work it had started.
    assert job.items.filter(attempts__gte=2).exists()
    assert "WorkerLostError" in celery_worker_process["log"].read_text()


def test_two_admins_bulk_issuing_one_cohort_at_once_make_no_duplicates(monkeypatch, demo):

    graduates = build_many_graduates(demo, 20)
    second_admin = user_create(
        email="admin2@demo.test", first_name="Ирина", last_name="Второва", password="x-Secret-9"
    )
    from django.contrib.auth.models import Group

    second_admin.groups.add(Group.objects.get(name=CERTIFICATE_ADMIN))
    # The two jobs' tasks run below in two threads at once, like two busy workers.
    monkeypatch.setattr(bulk, "_dispatch", lambda item_ids: None)
    jobs = [
        start_bulk_issue(cohort=demo.cohort, started_by=demo.users["admin"]),
        start_bulk_issue(cohort=demo.cohort, started_by=second_admin),
    ]

    def work(job):
        for item_id in job.items.values_list("id", flat=True):
            run_bulk_item(item_id)

    at_once(partial(work, jobs[0]), partial(work, jobs[1]))
    failures = list(BulkIssueItem.objects.exclude(status="done").values_list("error", flat=True))
    assert failures == []
    certificates = Certificate.objects.filter(holder__in=graduates)
    assert certificates.count() == 20
    assert len(set(certificates.values_list("serial", flat=True))) == 20
    assert SerialCounter.objects.get().last_number == 20
    for job in jobs:
        assert job.progress()["done"] == 20
    # Both jobs point at the same certificate for each learner.
    first, second = (dict(job.items.values_list("holder_id", "certificate_id")) for job in jobs)
    assert first == second
    assert not BulkIssueItem.objects.exclude(status=BulkIssueItem.Status.DONE).exists()
