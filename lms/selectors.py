"""Reads about people and cohorts that the pages of several apps share."""

from django.db.models import Q

from .models import Cohort
from .roles import CERTIFICATE_ADMIN, has_role


def visible_cohorts(user):
    """Cohorts the user reports on: every cohort for admins, a mentor's own cohorts."""
    cohorts = Cohort.objects.select_related("program")
    if has_role(user, CERTIFICATE_ADMIN):
        return cohorts
    return cohorts.filter(Q(mentors=user) | Q(lead_mentor=user) | Q(teams__mentor=user)).distinct()
