"""Notifications, for every app: shown on the site and e-mailed (plain text and HTML) in each
user's language.

Rendered in the request and stored at once; the e-mail is a Celery task recorded in the outbox
(core.outbox), so a broker or mail server that is down never blocks, fails or loses it.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import tasks
from .models import Notification
from .outbox import enqueue_many

# Kinds a user may switch off by e-mail (they still appear on the site).
OPTIONAL_EMAIL_KINDS = {"deadline_reminder"}


def _render(template: str, context: dict, user) -> tuple[str, str, str]:
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        text = render_to_string(
            f"emails/{template}.txt",
            {**context, "user": user, "site_url": settings.SITE_URL.rstrip("/")},
            using="text",
        )
        subject, _, body = text.strip().partition("\n")
        subject, body = subject.strip(), body.strip()
        html = render_to_string(
            "emails/layout.html", {"subject": subject, "body": body, "language": language}
        )
    return subject, body, html


def notify(users, *, template: str, context: dict, kind: str | None = None, url: str = "") -> None:
    """Notify each user: a notification on the site, and an e-mail queued after the commit.

    `template` names templates/emails/<template>.txt; its first line is the subject.
    """
    kind = kind or template
    notifications, mails = [], []
    for user in users:
        subject, body, html = _render(template, context, user)
        notifications.append(
            Notification(user=user, kind=kind, subject=subject[:255], body=body, url=url)
        )
        if not user.email or (kind in OPTIONAL_EMAIL_KINDS and not user.reminder_emails):
            continue
        mails.append([user.email, subject, body, html])
    Notification.objects.bulk_create(notifications)
    if mails:
        _queue_mail(mails)


def _queue_mail(mails: list[list[str]]) -> None:
    """Record the mails in the outbox: they go to Celery when the broker answers, so a broker
    or mail server that is down never fails the request and never loses a mail."""
    enqueue_many(tasks.send_email, mails)


def mark_read(*, user, ids) -> int:
    """The user's notifications among `ids` read now (those already read keep their time)."""
    return user.notifications.filter(pk__in=ids, read_at__isnull=True).update(
        read_at=timezone.now()
    )
