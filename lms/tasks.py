import smtplib

from celery import shared_task
from django.core.mail import send_mail


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
    acks_late=True,
)
def send_email(to: str, subject: str, body: str) -> None:
    """Send one plain-text e-mail; mail failures retry with backoff, never in the request."""
    send_mail(subject, body, None, [to])
