import smtplib

from celery import shared_task
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives

from . import services
from .models import Cohort


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
    acks_late=True,
)
def send_email(to: str, subject: str, body: str, html: str = "") -> None:
    """Send one e-mail, plain text plus HTML; failures retry with backoff, never in the request."""
    message = EmailMultiAlternatives(subject, body, None, [to])
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


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
