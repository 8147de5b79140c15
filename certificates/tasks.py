"""Certificate work for the Celery workers: ids in, idempotent, acknowledged after the work."""

from celery import shared_task
from django.db import DatabaseError

from . import services
from .models import Certificate

# Failures worth another try: storage and the database coming back.
TRANSIENT = (OSError, DatabaseError)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=5,
)
def render_certificate_pdf(certificate_id: int) -> str:
    """Render and store one certificate's PDF. Safe to run twice: it overwrites the same file."""
    certificate = Certificate.objects.get(pk=certificate_id)
    return services.store_certificate_pdf(certificate=certificate).pdf.name


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=4)
def issue_bulk_item(self, item_id: int) -> str:
    """One learner of a bulk issue: the certificate and its PDF."""
    try:
        return services.run_bulk_item(
            item_id, final_attempt=self.request.retries >= self.max_retries
        )
    except TRANSIENT as exc:
        raise self.retry(exc=exc, countdown=min(2**self.request.retries, 30)) from exc


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=3,
)
def build_cohort_archive(archive_id: int) -> str:
    return services.build_archive(archive_id).file.name


@shared_task
def purge_expired_archives() -> int:
    return services.purge_expired_archives()
