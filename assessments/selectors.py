"""Read queries for the studio, the assignment page and the review queue."""

from django.db.models import Q

from lms.models import Membership

from .models import Review, RouteDesign


def membership_for(user, assignment):
    """The user's team membership in a cohort of the assignment's program, if any."""
    if not user.is_authenticated:
        return None
    program = assignment.get_parent()
    return (
        Membership.objects.filter(user=user, cohort__program_id=program.id)
        .select_related("team__cohort", "team__region")
        .first()
    )


def team_route_for(user, assignment) -> dict:
    membership = membership_for(user, assignment)
    design = None
    if membership is not None:
        design = RouteDesign.objects.filter(team=membership.team, assignment=assignment).first()
    return {"membership": membership, "design": design}


def visible_routes(user):
    """Routes the user may open: their teams', their mentored teams', or all for admins."""
    from lms.roles import CERTIFICATE_ADMIN, has_role

    routes = RouteDesign.objects.select_related("team__region", "team__cohort", "assignment")
    if has_role(user, CERTIFICATE_ADMIN):
        return routes
    return routes.filter(
        Q(team__memberships__user=user) | Q(team__mentor=user) | Q(team__cohort__mentors=user)
    ).distinct()


def review_queue(mentor):
    """Submitted routes of the mentor's teams, the longest-waiting first."""
    return (
        RouteDesign.objects.filter(state=RouteDesign.State.SUBMITTED)
        .filter(Q(team__mentor=mentor) | Q(team__cohort__mentors=mentor))
        .select_related("team__region", "team__cohort", "assignment")
        .distinct()
        .order_by("updated_at")
    )


def latest_submitted(design):
    return (
        design.versions.filter(submitted_at__isnull=False)
        .select_related("submitted_by")
        .order_by("-number")
        .first()
    )


def latest_review(design):
    return (
        Review.objects.filter(version__design=design)
        .select_related("mentor", "version")
        .prefetch_related("scores")
        .first()
    )
