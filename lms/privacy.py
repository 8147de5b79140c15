"""Personal data under 152-ФЗ, the reads: the current policy, whether a user still has to
agree to it, and everything kept about a user (their export). The writes (consent,
anonymisation) are lms.services.privacy."""

from django.core.cache import cache
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from core.languages import default_locale_pages

from .models import PrivacyPolicyPage


def current_policy():
    """The live personal-data policy page, or None when the site has not published one."""
    # The Russian policy: a translation is a reading aid, not what people consent to.
    policies = default_locale_pages(PrivacyPolicyPage.objects.live())
    return policies.order_by("-last_published_at").first()


def policy_revision(policy) -> int:
    return policy.live_revision_id or 0


POLICY_CACHE_KEY = "privacy:current-policy"
SESSION_KEY = "consented_policy_revision"


def current_policy_revision() -> int | None:
    """The live policy's revision id (cached until the policy is published or unpublished)."""
    cached = cache.get(POLICY_CACHE_KEY)
    if cached is None:
        policy = current_policy()
        cached = {"revision": policy_revision(policy) if policy else None}
        cache.set(POLICY_CACHE_KEY, cached, timeout=600)
    return cached["revision"]


def forget_current_policy(**kwargs) -> None:
    cache.delete(POLICY_CACHE_KEY)


def connect_signals() -> None:
    for signal in (page_published, page_unpublished, post_delete):
        signal.connect(forget_current_policy, sender=PrivacyPolicyPage, weak=False)


def needs_consent(request) -> bool:
    """Whether the signed-in user must still agree to the current policy. The answer "agreed"
    is remembered in the session for that revision, so most requests ask no database."""
    revision = current_policy_revision()
    if revision is None:
        return False
    if request.session.get(SESSION_KEY) == revision:
        return False
    if request.user.consents.filter(policy_revision=revision).exists():
        request.session[SESSION_KEY] = revision
        return False
    return True


def policy_to_accept(user):
    """The current policy if the user has not agreed to this revision of it, else None."""
    policy = current_policy()
    if policy is None or not user.is_authenticated:
        return None
    if user.consents.filter(policy_revision=policy_revision(policy)).exists():
        return None
    return policy


# Sections of the export that the apps above lms add in their AppConfig.ready() (enrolments,
# progress, quiz attempts, routes, certificates): function(user) -> {section: rows}.
_PERSONAL_DATA: list = []


def add_personal_data(function) -> None:
    _PERSONAL_DATA.append(function)


def personal_data(user) -> dict:
    """Profile, teams and their changes, consents and notifications, then what every app above
    keeps about the user (each adds its sections with `add_personal_data`)."""
    teams = [m.team for m in user.memberships.select_related("team__cohort", "team__region")]
    data = {
        "profile": {
            "email": user.email,
            "last_name": user.last_name,
            "first_name": user.first_name,
            "middle_name": user.middle_name,
            "birth_date": user.birth_date,
            "snils": user.snils,
            "sex": user.sex,
            "citizenship": user.citizenship,
            "prior_education": user.prior_education,
            "diploma_surname": user.diploma_surname,
            "diploma_series": user.diploma_series,
            "diploma_number": user.diploma_number,
            "organisation": user.organisation,
            "position": user.position,
            "language": user.language,
            "reminder_emails": user.reminder_emails,
            "date_joined": user.date_joined,
        },
        "teams": [
            {"team": t.name, "region": t.region.name, "cohort": t.cohort.title} for t in teams
        ],
        "team_changes": [
            {
                "cohort": c.cohort.title,
                "team": c.team.name,
                "former_team": c.other_team.name if c.other_team else None,
                "change": c.get_kind_display(),
                "at": c.at,
                "reason": c.reason,
            }
            for c in user.team_changes.select_related("cohort", "team", "other_team")
        ],
        "consents": [
            {"policy": c.policy_title, "revision": c.policy_revision, "at": c.accepted_at}
            for c in user.consents.all()
        ],
        "notifications": [
            {"subject": n.subject, "at": n.created_at} for n in user.notifications.all()
        ],
    }
    for function in _PERSONAL_DATA:
        data.update(function(user))
    return data
