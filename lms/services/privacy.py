"""Personal data under 152-ФЗ, the writes: consent to the policy, and anonymising a departed
learner while certificates stay verifiable."""

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from ..models import PolicyConsent
from ..privacy import policy_revision


def record_consent(user, policy):
    consent, _ = PolicyConsent.objects.get_or_create(
        user=user,
        policy_revision=policy_revision(policy),
        defaults={"policy_title": policy.title},
    )
    return consent


@transaction.atomic
def anonymise_user(user, *, by, reason: str):
    """Replace the person's identifying data; certificates keep the name as printed, so the
    registry and the verify page still answer for documents already issued."""
    user.first_name = "Слушатель"
    user.last_name = "Обезличен"
    user.middle_name = ""
    user.email = f"anonymised-{user.pk}@invalid.example"
    user.birth_date = None
    user.snils = ""
    user.sex = user.prior_education = ""
    user.diploma_surname = user.diploma_series = user.diploma_number = ""
    user.organisation = ""
    user.position = ""
    user.is_active = False
    user.set_unusable_password()
    user.anonymised_at = timezone.now()
    user.anonymised_by = by
    user.anonymised_reason = reason
    user.save()
    user.notifications.all().delete()
    EmailAddress.objects.filter(user=user).delete()
    return user
