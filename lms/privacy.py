"""Personal data under 152-ФЗ: the policy and consent to it, a learner's own data as a file,
and anonymising a departed learner while certificates stay verifiable."""

from django.db import transaction
from django.utils import timezone


def current_policy():
    """The live personal-data policy page, or None when the site has not published one."""
    from .models import PrivacyPolicyPage

    return PrivacyPolicyPage.objects.live().order_by("-last_published_at").first()


def policy_revision(policy) -> int:
    return policy.live_revision_id or 0


POLICY_CACHE_KEY = "privacy:current-policy"
SESSION_KEY = "consented_policy_revision"


def current_policy_revision() -> int | None:
    """The live policy's revision id (cached until the policy is published or unpublished)."""
    from django.core.cache import cache

    cached = cache.get(POLICY_CACHE_KEY)
    if cached is None:
        policy = current_policy()
        cached = {"revision": policy_revision(policy) if policy else None}
        cache.set(POLICY_CACHE_KEY, cached, timeout=600)
    return cached["revision"]


def forget_current_policy(**kwargs) -> None:
    from django.core.cache import cache

    cache.delete(POLICY_CACHE_KEY)


def connect_signals() -> None:
    from django.db.models.signals import post_delete
    from wagtail.signals import page_published, page_unpublished

    from .models import PrivacyPolicyPage

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


def record_consent(user, policy):
    from .models import PolicyConsent

    consent, _ = PolicyConsent.objects.get_or_create(
        user=user,
        policy_revision=policy_revision(policy),
        defaults={"policy_title": policy.title},
    )
    return consent


def personal_data(user) -> dict:
    """Profile, enrolments, progress, quiz attempts, the routes of the user's teams, certificates,
    notifications and consents."""
    from assessments.models import QuizAttempt, RouteDesign
    from certificates.models import Certificate
    from courses.models import Enrollment, LessonProgress

    teams = [m.team for m in user.memberships.select_related("team__cohort", "team__region")]
    return {
        "profile": {
            "email": user.email,
            "last_name": user.last_name,
            "first_name": user.first_name,
            "middle_name": user.middle_name,
            "birth_date": user.birth_date,
            "snils": user.snils,
            "organisation": user.organisation,
            "position": user.position,
            "language": user.language,
            "reminder_emails": user.reminder_emails,
            "date_joined": user.date_joined,
        },
        "enrollments": [
            {"cohort": e.cohort.title, "since": e.created_at, "attendance": e.attendance_percent}
            for e in Enrollment.objects.filter(user=user).select_related("cohort")
        ],
        "teams": [
            {"team": t.name, "region": t.region.name, "cohort": t.cohort.title} for t in teams
        ],
        "lessons_done": [
            {"lesson": p.lesson_title, "at": p.completed_at}
            for p in LessonProgress.objects.filter(user=user).order_by("completed_at")
        ],
        "quiz_attempts": [
            {
                "quiz": a.quiz.title,
                "number": a.number,
                "score": a.score,
                "passed": a.passed,
                "at": a.submitted_at,
            }
            for a in QuizAttempt.objects.filter(user=user).select_related("quiz")
        ],
        "routes": [
            {
                "team": d.team.name,
                "assignment": d.assignment.title,
                "state": d.state,
                "versions": [
                    {"number": v.number, "title": v.title, "submitted_at": v.submitted_at}
                    for v in d.versions.all()
                ],
            }
            for d in RouteDesign.objects.filter(team__in=teams)
            .select_related("team", "assignment")
            .prefetch_related("versions")
        ],
        "certificates": [
            {
                "serial": c.serial,
                "name": c.holder_name,
                "program": c.program_title,
                "issued_at": c.issued_at,
                "status": c.status,
                "verify_url": c.verify_url(),
            }
            for c in Certificate.objects.filter(holder=user)
        ],
        "consents": [
            {"policy": c.policy_title, "revision": c.policy_revision, "at": c.accepted_at}
            for c in user.consents.all()
        ],
        "notifications": [
            {"subject": n.subject, "at": n.created_at} for n in user.notifications.all()
        ],
    }


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
    user.organisation = ""
    user.position = ""
    user.is_active = False
    user.set_unusable_password()
    user.anonymised_at = timezone.now()
    user.anonymised_by = by
    user.anonymised_reason = reason
    user.save()
    user.notifications.all().delete()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).delete()
    return user
