"""What a signed-in person sees on their dashboard."""

from django.db.models import Q

from assessments.models import RouteDesign
from certificates.models import Certificate
from courses.models import Enrollment
from courses.selectors import program_outline, route_assignments

from .models import Cohort, Membership
from .roles import CERTIFICATE_ADMIN, has_role


def learner_dashboard(user) -> list[dict]:
    """One entry per cohort the user is enrolled in: progress, team, routes, certificate."""
    enrollments = Enrollment.objects.filter(user=user).select_related("cohort__program")
    memberships = {
        m.cohort_id: m for m in Membership.objects.filter(user=user).select_related("team__region")
    }
    certificates = {c.cohort_id: c for c in Certificate.objects.filter(holder=user)}
    entries = []
    for enrollment in enrollments:
        cohort = enrollment.cohort
        program = cohort.program
        membership = memberships.get(cohort.id)
        assignments = route_assignments(program)
        routes = {}
        if membership:
            routes = {
                r.assignment_id: r
                for r in RouteDesign.objects.filter(
                    team=membership.team, assignment__in=assignments
                )
            }
        entries.append(
            {
                "cohort": cohort,
                "program": program,
                "membership": membership,
                "outline": program_outline(program, user, enrolled=True),
                "assignments": [(a, routes.get(a.id)) for a in assignments],
                "certificate": certificates.get(cohort.id),
            }
        )
    return entries


def visible_cohorts(user):
    """Cohorts the user reports on: every cohort for admins, a mentor's own cohorts."""
    cohorts = Cohort.objects.select_related("program")
    if has_role(user, CERTIFICATE_ADMIN):
        return cohorts
    return cohorts.filter(Q(mentors=user) | Q(lead_mentor=user) | Q(teams__mentor=user)).distinct()
