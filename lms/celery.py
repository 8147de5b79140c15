"""The Celery app: configured from Django settings (CELERY_* names)."""

import os

from celery import Celery
from celery.signals import beat_init, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _check_worker(sender=None, **kwargs):
    """The worker refuses to start on errors `check --deploy` reports, as the web does."""
    from core.checks import refuse_to_start_on_errors

    refuse_to_start_on_errors("The Celery worker")


@beat_init.connect
def _check_beat(sender=None, **kwargs):
    from core.checks import refuse_to_start_on_errors

    refuse_to_start_on_errors("Celery beat")
