from celery import shared_task
from django.contrib.auth import get_user_model

from . import services
from .models import Cohort


@shared_task(acks_late=True)
def send_invitation_batch(user_ids: list[int], cohort_id: int) -> int:
    cohort = Cohort.objects.get(pk=cohort_id)
    users = list(get_user_model().objects.filter(pk__in=user_ids, is_active=True))
    services.invite(users, cohort)
    return len(users)


@shared_task
def purge_import_files() -> int:
    """Daily: uploaded spreadsheets past IMPORT_FILE_RETENTION_DAYS are deleted."""
    return services.purge_import_files()
