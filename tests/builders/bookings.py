"""Builders for site bookings: a team of another cohort, dated routes submitted to request
slots, an admin's decision."""

import datetime as dt

from assessments.models import SiteBooking
from assessments.services import draft_of, save_route_draft, start_route, submit_route
from lms.models import Cohort, Membership, Team
from lms.services import user_create
from tests.builders.routes import kuzbass_stops, kuzbass_team_of

# A Monday far enough ahead for every site's booking lead time, and no public holiday.
VISIT_DAY = dt.date(2027, 6, 7)


def team_of_another_cohort(demo, name="Команда весеннего потока") -> Team:
    """A team with a captain in a second cohort of the same program (same region)."""
    cohort = Cohort.objects.create(
        title="Весенний поток 2027",
        program=demo.program,
        starts_on=dt.date(2027, 3, 1),
        ends_on=dt.date(2027, 9, 1),
    )
    kuzbass = kuzbass_team_of(demo)
    team = Team.objects.create(cohort=cohort, region_id=kuzbass.region_id, name=name)
    captain = user_create(
        email=f"captain-{cohort.pk}@demo.test",
        password=None,
        last_name="Весенний",
        first_name="Капитан",
        roles=("learner",),
    )
    Membership.objects.create(team=team, cohort=cohort, user=captain, role="captain")
    return team


def dated_draft(demo, team, *, group_size=20, on=VISIT_DAY, stops=None):
    """The team's route drafted for a day with a group, the Kuzbass morning by default."""
    design = start_route(team=team, assignment=demo.assignment)
    return redate_draft(demo, design, group_size=group_size, on=on, stops=stops)


def redate_draft(demo, design, *, group_size=20, on=VISIT_DAY, stops=None):
    """The route's draft (a new one after a submission) saved for a day with a group."""
    save_route_draft(
        design=design,
        user=design.team.memberships.get(role="captain").user,
        title="Уголь и азот",
        narrative="Кузбасс за день.",
        stops=stops if stops is not None else kuzbass_stops(demo),
        lock_version=draft_of(design).lock_version,
        start_date=on,
        group_size=group_size,
    )
    return design


def dated_submitted(demo, team, **kwargs):
    design = dated_draft(demo, team, **kwargs)
    submit_route(design=design, user=team.memberships.get(role="captain").user)
    design.refresh_from_db()
    return design


def booking_at(design, enterprise) -> SiteBooking:
    return design.bookings.get(enterprise=enterprise, state__in=SiteBooking.HOLDING)
