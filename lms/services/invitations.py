"""Invitations: a new user set up by an admin gets a link to choose a password (allauth's
password-reset-from-key page), sent by a Celery task in the user's language."""

from django.conf import settings
from django.urls import reverse

from core.notifications import notify
from core.outbox import enqueue

from .. import tasks


def set_password_url(user) -> str:
    # Imported here: allauth.account.forms imports our SignupForm (lms.forms), which imports
    # these services, so a module-level import would be circular.
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


def send_invitations(user_ids: list[int], *, cohort_id: int) -> None:
    """Queue the invitations after the commit, in batches so a big import is quick."""
    for start in range(0, len(user_ids), 200):
        batch = user_ids[start : start + 200]
        enqueue(tasks.send_invitation_batch, batch, cohort_id)


def invite(users, cohort) -> None:
    for user in users:
        notify(
            [user],
            template="invitation",
            kind="invitation",
            context={"cohort": cohort, "set_password_url": set_password_url(user)},
            url=reverse("dashboard"),
        )
