"""Personal data under 152-ФЗ, the writes: consent to the policy, consent to the name's
dissemination, a learner's withdrawal of consent, and anonymising a person everywhere their
data lives while certificates stay verifiable (serial and status, without the name)."""

import logging

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.audit import record
from core.models import OutboxMessage
from core.names import name_forms
from core.scrub import replace_everywhere
from core.spreadsheets import read_table

from ..models import ImportBatch, PolicyConsent
from ..models.people import HIDDEN_NAME
from ..privacy import policy_revision

logger = logging.getLogger(__name__)

PLACEHOLDER_FIRST = "Слушатель"
PLACEHOLDER_LAST = "Обезличен"
HIDDEN_EMAIL = "[e-mail скрыт]"
HIDDEN_SNILS = "[СНИЛС скрыт]"


def record_consent(user, policy):
    consent, created = PolicyConsent.objects.get_or_create(
        user=user,
        policy_revision=policy_revision(policy),
        defaults={"policy_title": policy.title},
    )
    if created:
        record(
            user,
            "promtourism.consent.accept",
            user=user,
            data={"policy": policy.title, "revision": consent.policy_revision},
            title=f"#{user.pk}",
        )
    return consent


@transaction.atomic
def set_name_dissemination(user, consent: bool, *, by=None):
    """Give or withdraw consent to showing the full name on public pages (152-ФЗ ст. 10.1)."""
    if user.name_dissemination_consent == consent:
        return user
    user.name_dissemination_consent = consent
    user.name_dissemination_changed_at = timezone.now()
    user.save(update_fields=["name_dissemination_consent", "name_dissemination_changed_at"])
    record(
        user,
        "promtourism.consent.dissemination",
        user=by or user,
        data={"from": not consent, "to": consent},
        title=f"#{user.pk}",
    )
    return user


# What the apps above lms do when a person is anonymised (certificates replace the printed
# name): function(user, identifiers) -> None, added in their AppConfig.ready(); and what they
# add to the strings to hide (a certificate printed under an earlier name):
# function(user) -> iterable of str.
_ANONYMISERS: list = []
_IDENTIFIERS: list = []


def add_anonymiser(function, *, identifiers=None) -> None:
    _ANONYMISERS.append(function)
    if identifiers is not None:
        _IDENTIFIERS.append(identifiers)


def _identifiers(user) -> dict[str, str]:
    """Each string that identifies the person, mapped to what replaces it in text."""
    found = {
        form: HIDDEN_NAME for form in name_forms(user.last_name, user.first_name, user.middle_name)
    }
    emails = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    found.update({e: HIDDEN_EMAIL for e in emails if e})
    if user.snils:
        digits = "".join(ch for ch in user.snils if ch.isdigit())
        found.update({user.snils: HIDDEN_SNILS, digits: HIDDEN_SNILS})
    for function in _IDENTIFIERS:
        found.update({s: HIDDEN_NAME for s in function(user) if s and len(s) > 3})
    found.pop(HIDDEN_NAME, None)
    return found


def _drop_sessions(user) -> None:
    from importlib import import_module

    from django.conf import settings

    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.all().iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            store(session.session_key).delete()
            Session.objects.filter(pk=session.pk).delete()


def _drop_import_files(identifiers: dict[str, str]) -> int:
    """Delete the kept spreadsheets that list the person (the import's result stays)."""
    needles = [n.lower() for n, hidden in identifiers.items() if hidden != HIDDEN_SNILS]
    dropped = 0
    for batch in ImportBatch.objects.filter(file_deleted_at__isnull=True).only("pk", "filename"):
        data = bytes(ImportBatch.objects.values_list("data", flat=True).get(pk=batch.pk))
        try:
            text = "\n".join(" ".join(row) for row in read_table(batch.filename, data)).lower()
        except Exception:  # an unreadable file: keep nothing we cannot check
            text = None
        if text is None or any(n in text for n in needles):
            batch.delete_file()
            dropped += 1
    return dropped


@transaction.atomic
def anonymise_user(user, *, by, reason: str, action: str = "promtourism.person.anonymise"):
    """Replace the person's identifying data everywhere: the account (closed), e-mail
    addresses, sessions, API tokens, notifications and e-mails to them, kept spreadsheets that
    list them, the name in other people's texts and in the log; certificates keep serial and
    status, the printed name hidden (certificates' anonymiser). Grades stay as rows tied to
    the anonymous account."""
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    identifiers = _identifiers(user)
    emails = [n for n, hidden in identifiers.items() if hidden == HIDDEN_EMAIL]
    for function in _ANONYMISERS:
        function(user, identifiers)
    user.first_name = PLACEHOLDER_FIRST
    user.last_name = PLACEHOLDER_LAST
    user.middle_name = ""
    user.email = f"anonymised-{user.pk}@invalid.example"
    user.birth_date = None
    user.snils = ""
    user.sex = user.prior_education = ""
    user.diploma_surname = user.diploma_series = user.diploma_number = ""
    user.organisation = ""
    user.position = ""
    user.name_dissemination_consent = False
    user.is_active = False
    user.set_unusable_password()
    user.anonymised_at = timezone.now()
    user.anonymised_by = by
    user.anonymised_reason = reason
    user.save()
    user.notifications.all().delete()
    EmailAddress.objects.filter(user=user).delete()
    if apps.is_installed("allauth.socialaccount"):
        from allauth.socialaccount.models import SocialAccount

        SocialAccount.objects.filter(user=user).delete()
    for label in ("wagtailcore.APIToken",):  # Wagtail's own tokens, where the version has them
        try:
            apps.get_model(label).objects.filter(user=user).delete()
        except LookupError:
            pass
    # E-mails queued or sent to them (their address is the first argument).
    mails = Q()
    for email in emails:
        mails |= Q(args__0=email)
    if mails:
        OutboxMessage.objects.filter(mails).delete()
    _drop_sessions(user)
    files = _drop_import_files(identifiers)
    # Sessions went above; the person's own row holds the placeholders already.
    rows = replace_everywhere(identifiers, skip={"sessions.session", "lms.user"})
    record(
        user,
        action,
        user=by,
        data={"reason": reason, "import_files_deleted": files, "rows_scrubbed": rows},
        title=f"#{user.pk}",
    )
    logger.info("user %s anonymised by %s", user.pk, getattr(by, "pk", None))
    return user


@transaction.atomic
def withdraw_consent(user):
    """The learner withdraws consent to processing: the account is closed and anonymised."""
    user.consent_withdrawn_at = timezone.now()
    user.save(update_fields=["consent_withdrawn_at"])
    return anonymise_user(
        user,
        by=user,
        reason="Отзыв согласия на обработку персональных данных (152-ФЗ, ст. 9, ч. 2)",
        action="promtourism.consent.withdraw",
    )
