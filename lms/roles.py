"""Roles are Django groups, created by a data migration (lms/migrations/0002_roles.py)."""

LEARNER = "learner"
MENTOR = "mentor"
CERTIFICATE_ADMIN = "certificate admin"

ALL_ROLES = (LEARNER, MENTOR, CERTIFICATE_ADMIN)


def has_role(user, role: str) -> bool:
    """True for a signed-in user in the role's group; superusers hold every role."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cache = getattr(user, "_role_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names = cache
    return role in cache


def require_role(user, role: str, message: str = "") -> None:
    """Raise PermissionDenied (a 403 in views) unless the user holds the role."""
    from django.core.exceptions import PermissionDenied

    if not has_role(user, role):
        raise PermissionDenied(message or f"needs the role: {role}")


def require_admin(user, message: str = "") -> None:
    """Only competence-centre admins (certificates, cohorts, reports, people)."""
    require_role(user, CERTIFICATE_ADMIN, message)


def may_change_teams(user, cohort) -> bool:
    """Admins, and the cohort's lead mentor, change its teams' composition."""
    if not user.is_authenticated:
        return False
    return has_role(user, CERTIFICATE_ADMIN) or cohort.lead_mentor_id == user.pk
