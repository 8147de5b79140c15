"""Work on a whole cohort at once: bulk issuing (a Celery task per certificate, progress
in the database) and the ZIP of a cohort's PDFs (built by a task, kept for a day)."""

import logging
import os
import tempfile
import zipfile
from datetime import timedelta
from functools import lru_cache

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import record
from core.outbox import enqueue, enqueue_many
from courses.models import ProgramPage
from lms.roles import require_admin

from .. import tasks
from ..models import BulkIssue, BulkIssueItem, Certificate, CohortArchive
from ..selectors import cohort_eligibility, requirements_of
from .issuing import issue_certificate, store_certificate_pdf

ARCHIVE_LIFETIME = timedelta(days=1)
logger = logging.getLogger(__name__)


def _dispatch(item_ids):
    enqueue_many(tasks.issue_bulk_item, [[item_id] for item_id in item_ids])


@transaction.atomic
def start_bulk_issue(*, cohort, started_by, user_ids=None) -> BulkIssue:
    """Queue a certificate for each chosen learner (all eligible ones if none are chosen).

    Learners who already hold a certificate for the cohort are left out; the tasks are
    sent after the commit, one per learner, ids only.
    """
    require_admin(started_by, "only certificate admins issue certificates")
    rows = cohort_eligibility(cohort, user_ids=user_ids)
    if user_ids is None:
        rows = [row for row in rows if row.eligible]
    holders = [row.user for row in rows if row.certificate is None]
    if not holders:
        raise ValidationError(_("Некому выдавать: у выбранных слушателей уже есть удостоверения."))
    job = BulkIssue.objects.create(cohort=cohort, started_by=started_by)
    items = BulkIssueItem.objects.bulk_create(
        BulkIssueItem(job=job, holder=holder) for holder in holders
    )
    _dispatch([item.pk for item in items])
    record(
        cohort,
        "promtourism.certificate.bulk_issue",
        user=started_by,
        data={"job_id": job.pk, "holders": [h.pk for h in holders]},
    )
    return job


@transaction.atomic
def retry_failed(*, job: BulkIssue, by) -> int:
    require_admin(by, "only certificate admins issue certificates")
    failed = list(
        job.items.select_for_update()
        .filter(status=BulkIssueItem.Status.FAILED)
        .values_list("pk", flat=True)
    )
    BulkIssueItem.objects.filter(pk__in=failed).update(
        status=BulkIssueItem.Status.PENDING, error=""
    )
    _dispatch(failed)
    return len(failed)


def _finish(item_id, status, *, certificate=None, error=""):
    BulkIssueItem.objects.filter(pk=item_id).update(
        status=status, certificate=certificate, error=error, updated_at=timezone.now()
    )


@lru_cache(maxsize=16)
def _job_requirements(job_id: int, program_id: int):
    """The programme's conditions, read once per job in each worker process (the learners'
    own progress is still read fresh for every certificate)."""
    return requirements_of(ProgramPage.objects.get(pk=program_id))


def run_bulk_item(item_id: int, *, final_attempt: bool = True) -> str:
    """Issue one learner's certificate and render its PDF. Safe to run twice.

    Not being eligible is a failure with its reason; transient errors (database, storage)
    propagate for the task to retry, and on the final attempt are recorded as the reason.
    """
    item = BulkIssueItem.objects.select_related(
        "job__cohort__program", "job__started_by", "holder"
    ).get(pk=item_id)
    if item.status == BulkIssueItem.Status.DONE:
        return item.status
    BulkIssueItem.objects.filter(pk=item_id).update(
        status=BulkIssueItem.Status.RUNNING,
        attempts=F("attempts") + 1,
        worker_pid=os.getpid(),
        updated_at=timezone.now(),
    )
    try:
        certificate = issue_certificate(
            holder=item.holder,
            cohort=item.job.cohort,
            issued_by=item.job.started_by,
            render=False,
            need=_job_requirements(item.job.pk, item.job.cohort.program_id),
        )
        if not certificate.pdf:
            # Another job may be on the same learner: one render per certificate, under a lock.
            with transaction.atomic():
                locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
                if not locked.pdf:
                    store_certificate_pdf(certificate=locked)
    except (ValidationError, PermissionDenied) as exc:
        reason = " ".join(getattr(exc, "messages", [])) or _("нет прав на выдачу")
        _finish(item_id, BulkIssueItem.Status.FAILED, error=reason)
        return BulkIssueItem.Status.FAILED
    except Exception as exc:
        if isinstance(exc, tasks.TRANSIENT) and not final_attempt:
            raise  # the task tries again with backoff
        logger.exception("bulk issue item %s failed", item_id)
        _finish(item_id, BulkIssueItem.Status.FAILED, error=f"{exc.__class__.__name__}: {exc}")
        return BulkIssueItem.Status.FAILED
    _finish(item_id, BulkIssueItem.Status.DONE, certificate=certificate)
    return BulkIssueItem.Status.DONE


def request_archive(*, cohort, requested_by) -> CohortArchive:
    require_admin(requested_by, "only certificate admins issue certificates")
    archive = CohortArchive.objects.create(cohort=cohort, requested_by=requested_by)
    enqueue(tasks.build_cohort_archive, archive.pk)
    return archive


def build_archive(archive_id: int) -> CohortArchive:
    """Every current certificate's PDF of the cohort in one ZIP; progress saved as it goes."""
    archive = CohortArchive.objects.select_related("cohort").get(pk=archive_id)
    if archive.status == CohortArchive.Status.READY:
        return archive
    certificates = list(
        Certificate.objects.filter(cohort=archive.cohort)
        .exclude(status=Certificate.Status.REPLACED)
        .order_by("serial")
    )
    CohortArchive.objects.filter(pk=archive_id).update(
        status=CohortArchive.Status.RUNNING, total=len(certificates), done=0
    )
    with tempfile.TemporaryFile() as handle:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as bundle:
            for number, certificate in enumerate(certificates, start=1):
                if not certificate.pdf:
                    store_certificate_pdf(certificate=certificate)
                with certificate.pdf.open("rb") as pdf:
                    bundle.writestr(f"{certificate.serial}.pdf", pdf.read())
                if number % 10 == 0 or number == len(certificates):
                    CohortArchive.objects.filter(pk=archive_id).update(done=number)
        handle.seek(0)
        name = f"certificates/archives/{archive.pk}.zip"
        if archive.file.storage.exists(name):
            archive.file.storage.delete(name)
        archive.file.save(name, File(handle), save=False)
    archive.status = CohortArchive.Status.READY
    archive.done = archive.total = len(certificates)
    archive.expires_at = timezone.now() + ARCHIVE_LIFETIME
    archive.save(update_fields=["file", "status", "done", "total", "expires_at"])
    return archive


def purge_expired_archives(now=None) -> int:
    """Delete the ZIPs older than a day; the record stays, marked removed."""
    now = now or timezone.now()
    expired = CohortArchive.objects.filter(status=CohortArchive.Status.READY, expires_at__lte=now)
    count = 0
    for archive in expired:
        if archive.file:
            archive.file.delete(save=False)
        archive.status = CohortArchive.Status.EXPIRED
        archive.save(update_fields=["file", "status"])
        count += 1
    return count
