"""Uploaded spreadsheets are deleted after IMPORT_FILE_RETENTION_DAYS; the result stays."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from lms import tasks
from lms.models import ImportBatch
from lms.services import import_batch_keep
from tests.builders.spreadsheets import ROWS, csv_bytes


def _batch(demo, name, age_days):
    batch = import_batch_keep(
        cohort=demo.cohort, uploaded_by=demo.users["admin"], filename=name, data=csv_bytes(ROWS)
    )
    batch.summary = {"create": 3, "update": 0, "unchanged": 0, "move": 0}
    batch.save()
    ImportBatch.objects.filter(pk=batch.pk).update(
        created_at=timezone.now() - timedelta(days=age_days)
    )
    return batch


def test_old_import_files_are_deleted_and_their_results_kept(demo):
    days = settings.IMPORT_FILE_RETENTION_DAYS
    assert days == 30
    old = _batch(demo, "old.csv", days + 1)
    fresh = _batch(demo, "fresh.csv", days - 1)
    assert tasks.purge_import_files.delay().get() == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert bytes(old.data) == b"" and old.file_deleted_at is not None
    assert old.summary["create"] == 3 and old.filename == "old.csv"
    assert bytes(fresh.data) == csv_bytes(ROWS) and fresh.file_deleted_at is None
    assert tasks.purge_import_files() == 0  # nothing twice


def test_the_purge_is_scheduled_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["purge-import-files"]
    assert entry["task"] == "lms.tasks.purge_import_files"
    assert entry["schedule"] == 24 * 3600
