"""E-mail notifications: rendered in the request, sent by a Celery task after the commit."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def notify(users, *, template: str, context: dict) -> None:
    """Queue one e-mail per user, after the surrounding transaction commits.

    `template` names templates/emails/<template>.txt; its first line is the subject.
    """
    from .tasks import send_email

    for user in users:
        if not user.email:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            text = render_to_string(
                f"emails/{template}.txt",
                {**context, "user": user, "site_url": settings.SITE_URL.rstrip("/")},
            )
        subject, _, body = text.strip().partition("\n")
        send_email.delay_on_commit(user.email, subject.strip(), body.strip())
