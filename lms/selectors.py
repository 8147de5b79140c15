"""Reads about people and cohorts that the pages of several apps share."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q

from .models import Cohort, Membership, Team, TeamChange
from .roles import CERTIFICATE_ADMIN, has_role


def visible_cohorts(user):
    """Cohorts the user reports on: every cohort for admins, a mentor's own cohorts."""
    cohorts = Cohort.objects.select_related("program")
    if has_role(user, CERTIFICATE_ADMIN):
        return cohorts
    return cohorts.filter(Q(mentors=user) | Q(lead_mentor=user) | Q(teams__mentor=user)).distinct()


@dataclass
class Roster:
    """A cohort's teams with their members (captain first), and its composition history."""

    cohort: Cohort
    teams: list[Team]
    history: list[TeamChange]

    def team(self, team_id) -> Team | None:
        return next((t for t in self.teams if str(t.pk) == str(team_id)), None)

    def membership(self, user_id) -> Membership | None:
        return next(
            (m for t in self.teams for m in t.members if str(m.user_id) == str(user_id)), None
        )


def team_roster(cohort: Cohort, *, history: int = 200) -> Roster:
    """The cohort's teams page: three queries whatever the number of teams and members."""
    members = Prefetch(
        "memberships",
        queryset=Membership.objects.select_related("user").order_by(
            "role", "user__last_name", "user__first_name", "user_id"
        ),
        to_attr="members",
    )
    teams = list(
        Team.objects.filter(cohort=cohort)
        .select_related("region", "mentor")
        .prefetch_related(members)
        .order_by("name")
    )
    changes = list(
        TeamChange.objects.filter(cohort=cohort).select_related(
            "team", "other_team", "person", "by"
        )[:history]
    )
    return Roster(cohort=cohort, teams=teams, history=changes)
