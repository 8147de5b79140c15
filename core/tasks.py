import smtplib

from celery import shared_task
from django.core.mail import EmailMultiAlternatives

from .outbox import relay


@shared_task(ignore_result=True)
def relay_outbox() -> int:
    """Send tasks the broker could not take when they were recorded (see core/outbox.py)."""
    return relay()


@shared_task(
    # Its name from when it lived in lms: mails waiting in the outbox keep it.
    name="lms.tasks.send_email",
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
