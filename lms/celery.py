"""The Celery app: configured from Django settings (CELERY_* names)."""

import os

from celery import Celery
from celery.signals import beat_init, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def _refuse_to_start_on_errors(process: str) -> None:
    """Celery logs and ignores what a signal handler raises: exit instead."""
    from core.checks import StartupCheckFailed, refuse_to_start_on_errors

    try:
        refuse_to_start_on_errors(process)
    except StartupCheckFailed as exc:
        raise SystemExit(str(exc)) from exc
    except Exception as exc:  # settings Django itself refuses (an empty SECRET_KEY, ...)
        raise SystemExit(f"{process} refuses to start: {exc}") from exc


@worker_init.connect
def _check_worker(sender=None, **kwargs):
    """The worker refuses to start on errors `check --deploy` reports, as the web does."""
    _refuse_to_start_on_errors("The Celery worker")


@beat_init.connect
def _check_beat(sender=None, **kwargs):
    _refuse_to_start_on_errors("Celery beat")
