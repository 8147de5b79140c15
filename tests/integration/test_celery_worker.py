"""The production path: PostgreSQL, Redis and a real `celery -A lms worker` process."""

import threading
import time

import pytest
from django.db import connection

from certificates.models import Certificate, SerialCounter
from certificates.services import issue_certificate
from lms.demo import build_demo
from tests.helpers import pdf_text
from tests.routes import build_graduates

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
def test_worker_renders_the_certificate_pdf_with_cyrillic_name_and_serial(celery_worker_process):
    demo = build_demo()
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


def test_two_admins_issuing_at_once_make_one_certificate_and_one_serial():
    demo = build_demo()
    holder = build_graduates(demo)[0]
    barrier = threading.Barrier(2)
    results, errors = [], []

    def issue():
        try:
            barrier.wait()
            results.append(
                issue_certificate(holder=holder, cohort=demo.cohort, issued_by=demo.users["admin"])
            )
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len({c.pk for c in results}) == 1
    assert Certificate.objects.count() == 1
    assert SerialCounter.objects.get().last_number == 1
