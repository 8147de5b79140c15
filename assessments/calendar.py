"""What assessments puts in a person's calendar (core.calendar): their teams' effective
deadlines, the visits their teams' routes plan, and for admins the site bookings confirmed.

Quizzes have no opening or closing times (assessments.models.quiz), so there are no quiz
windows to show. Each provider reads in a fixed number of queries, however many teams,
versions and stops there are."""

import datetime as dt
import zoneinfo
from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.calendar import CalendarEvent
from core.languages import localized_titles
from core.reversing import url_maker
from lms.models import Cohort, Membership, Team
from lms.roles import CERTIFICATE_ADMIN, MENTOR, has_role

from .models import (
    DeadlineExtension,
    RouteAssignmentPage,
    RouteDesign,
    RouteDesignVersion,
    RouteStop,
    SiteBooking,
)
from .selectors import _queue_teams

# A route lasts at most 14 days (RouteDesignVersion.days): a version starting this long before
# the window may still have stops inside it.
LONGEST_ROUTE = dt.timedelta(days=14)
# How long after a cohort's end its peer review may still open or close.
LONGEST_PEER_STAGE = dt.timedelta(days=90)


def _teams(user) -> list[Team]:
    """The teams whose events concern the user (one query): their own (`own` set), and for a
    mentor the teams they review or lead."""
    mine = Membership.objects.filter(user=user)
    wanted = Q(id__in=mine.values("team_id"))
    if has_role(user, MENTOR):
        wanted |= Q(id__in=_queue_teams(user).values("id"))
    return list(
        Team.objects.filter(wanted)
        .annotate(own=Exists(mine.filter(team=OuterRef("pk"))))
        .select_related("cohort__program", "region")
        .order_by("name", "id")
    )


def _for_team(title: str, team: Team) -> str:
    """A mentor's event names the team; a learner's own team goes without saying."""
    return title if team.own else _("%(event)s — %(team)s") % {"event": title, "team": team.name}


def _routes(team_ids) -> dict[tuple[int, int], int]:
    """(team, assignment) → the route's id, for the studio link (one query)."""
    rows = RouteDesign.objects.filter(team_id__in=team_ids)
    return {(t, a): d for d, t, a in rows.values_list("id", "team_id", "assignment_id")}


def deadline_events(user, start: dt.datetime, end: dt.datetime) -> list[CalendarEvent]:
    """Each of the user's teams' deadline for each live assignment of its programme: the
    latest extension, else the assignment's, by the clock of the assignment's time zone.
    Four queries (teams, assignments, extensions, routes), plus one for titles in English."""
    teams = _teams(user)
    programs = {team.cohort.program.pk: team.cohort.program for team in teams}
    if not programs:
        return []
    assignments = list(
        RouteAssignmentPage.objects.live()
        .filter(reduce(or_, (Q(path__startswith=p.path) for p in programs.values())))
        .defer_streamfields()
        .order_by("path")
    )
    if not assignments:
        return []
    team_ids = [team.pk for team in teams]
    extended = {}
    extensions = DeadlineExtension.objects.filter(
        team_id__in=team_ids, assignment__in=assignments
    ).order_by("at", "id")
    for team_id, assignment_id, until in extensions.values_list(
        "team_id", "assignment_id", "until"
    ):
        extended[team_id, assignment_id] = until  # the latest wins
    routes = _routes(team_ids)
    titles = localized_titles(assignments)
    studio = url_maker("assessments:studio")
    events = []
    for team in teams:
        program_path = team.cohort.program.path
        for assignment in assignments:
            if not assignment.path.startswith(program_path):
                continue
            zone = zoneinfo.ZoneInfo(assignment.time_zone)
            due = extended.get((team.pk, assignment.pk), assignment.deadline).astimezone(zone)
            if not start <= due < end:
                continue
            route = routes.get((team.pk, assignment.pk))
            title = _("Срок сдачи: %(assignment)s") % {"assignment": titles[assignment.pk]}
            extended_note = (
                _("Срок продлён для команды.") if (team.pk, assignment.pk) in extended else ""
            )
            events.append(
                CalendarEvent(
                    uid=f"deadline-{assignment.pk}-team-{team.pk}",
                    title=_for_team(title, team),
                    starts=due,
                    ends=None,
                    all_day=False,
                    kind="deadline",
                    url=studio(route) if route else assignment.url or "",
                    description=extended_note,
                )
            )
    return events


def _current_versions(design_ids) -> dict[int, int]:
    """Per route, the version whose stops are the plan: the latest submitted one not taken
    back, else the draft (one query, the versions' few columns only)."""
    chosen: dict[int, tuple] = {}
    rows = RouteDesignVersion.objects.filter(design_id__in=design_ids).values_list(
        "id", "design_id", "number", "submitted_at", "withdrawn_at"
    )
    for version_id, design_id, number, submitted_at, withdrawn_at in rows:
        rank = (submitted_at is not None and withdrawn_at is None, number)
        if design_id not in chosen or rank > chosen[design_id][0]:
            chosen[design_id] = (rank, version_id)
    return {design_id: version_id for design_id, (_rank, version_id) in chosen.items()}


def _site(enterprise) -> str:
    return ", ".join(
        part for part in (enterprise.name, enterprise.address or enterprise.city) if part
    )


def visit_events(user, start: dt.datetime, end: dt.datetime) -> list[CalendarEvent]:
    """The stops of each of the user's teams' routes (the current plan: see
    _current_versions) that have a date, at their arrival time by the clock of the site's
    region (the team's for a place off the catalogue). Five queries."""
    teams = {team.pk: team for team in _teams(user)}
    if not teams:
        return []
    designs = dict(RouteDesign.objects.filter(team_id__in=teams).values_list("id", "team_id"))
    versions = _current_versions(designs)
    if not versions:
        return []
    stops = list(
        RouteStop.objects.filter(
            version_id__in=versions.values(),
            version__start_date__gte=start.date() - LONGEST_ROUTE,
            version__start_date__lte=end.date(),
        )
        .select_related("enterprise__region", "version")
        .order_by("version_id", "position")
    )
    bookings = SiteBooking.objects.filter(version_id__in={stop.version_id for stop in stops})
    states = {
        (version_id, key): state  # the latest request for the stop
        for version_id, key, state in bookings.order_by("id").values_list(
            "version_id", "stop_key", "state"
        )
    }
    studio = url_maker("assessments:studio")
    state_names = dict(SiteBooking.State.choices)
    kinds = dict(RouteStop.Kind.choices)
    events = []
    for stop in stops:
        version = stop.version
        team = teams[designs[version.design_id]]
        region = stop.enterprise.region if stop.enterprise_id else team.region
        zone = zoneinfo.ZoneInfo(region.time_zone)
        on = version.start_date + dt.timedelta(days=stop.day - 1)
        starts = dt.datetime.combine(on, stop.arrival_time, tzinfo=zone)
        if not start <= starts < end:
            continue
        booking = states.get((version.pk, stop.key))
        title = _("%(kind)s: %(place)s") % {"kind": capfirst(kinds[stop.kind]), "place": stop.name}
        events.append(
            CalendarEvent(
                uid=f"route-{version.design_id}-stop-{stop.key.hex}",
                title=_for_team(title, team),
                starts=starts,
                ends=starts + dt.timedelta(minutes=stop.stay_minutes),
                all_day=False,
                kind="visit",
                url=studio(version.design_id),
                location=_site(stop.enterprise) if stop.enterprise_id else stop.place_name,
                description=(
                    _("Заявка на посещение: %(state)s.") % {"state": state_names[booking]}
                    if booking
                    else ""
                ),
            )
        )
    return events


def booking_events(user, start: dt.datetime, end: dt.datetime) -> list[CalendarEvent]:
    """For admins, every confirmed site booking, by the clock of the site's region: one
    query."""
    if not has_role(user, CERTIFICATE_ADMIN):
        return []
    rows = (
        SiteBooking.objects.filter(
            state=SiteBooking.State.CONFIRMED,
            on__gte=start.date() - dt.timedelta(days=1),
            on__lte=end.date() + dt.timedelta(days=1),
        )
        .select_related("enterprise__region", "team")
        .order_by("on", "arrival", "id")
    )
    calendar_url = reverse("assessments:bookings")
    events = []
    for booking in rows:
        enterprise = booking.enterprise
        starts = dt.datetime.combine(
            booking.on, booking.arrival, tzinfo=zoneinfo.ZoneInfo(enterprise.region.time_zone)
        )
        events.append(
            CalendarEvent(
                uid=f"booking-{booking.pk}",
                title=_("Визит подтверждён: %(site)s — %(team)s")
                % {"site": enterprise.name, "team": booking.team.name},
                starts=starts,
                ends=starts + dt.timedelta(minutes=booking.stay_minutes),
                all_day=False,
                kind="booking",
                url=f"{calendar_url}?since={booking.on:%Y-%m-%d}&enterprise={enterprise.pk}",
                location=_site(enterprise),
                description=_("Группа: %(n)s чел.") % {"n": booking.group_size},
            )
        )
    return events


def peer_phase_events(user, start: dt.datetime, end: dt.datetime) -> list[CalendarEvent]:
    """When the peer review between teams opens and closes by date, for each assignment that
    has one, in each cohort of the user's teams (every cohort for an admin), by the clock of
    the assignment's time zone. Two queries (cohorts, assignments), plus one for titles in
    English. A move by hand (assessments.phases) shows on the stage page, not here."""
    if has_role(user, CERTIFICATE_ADMIN):
        # The cohorts running around the window (a peer stage may close after the end).
        running = Cohort.objects.filter(
            starts_on__lte=end.date(), ends_on__gte=start.date() - LONGEST_PEER_STAGE
        )
        cohorts = list(running.select_related("program").order_by("starts_on", "id"))
    else:
        teams = _teams(user)
        cohorts = list({team.cohort.pk: team.cohort for team in teams}.values())
    programs = {c.program.pk: c.program for c in cohorts if c.program_id}
    if not programs:
        return []
    assignments = list(
        RouteAssignmentPage.objects.live()
        .filter(peer_review=True)
        .filter(reduce(or_, (Q(path__startswith=p.path) for p in programs.values())))
        .defer_streamfields()
        .order_by("path")
    )
    if not assignments:
        return []
    titles = localized_titles(assignments)
    reviews = url_maker("assessments:peer_reviews")
    events = []
    for assignment in assignments:
        zone = zoneinfo.ZoneInfo(assignment.time_zone)
        boundaries = [
            ("opens", assignment.peer_opens, _("Взаимное рецензирование открывается: %(a)s")),
            (
                "closes",
                assignment.peer_review_closes,
                _("Взаимное рецензирование закрывается: %(a)s"),
            ),
        ]
        for cohort in cohorts:
            if not cohort.program_id or not assignment.path.startswith(cohort.program.path):
                continue
            for key, moment, title in boundaries:
                if moment is None or not start <= moment < end:
                    continue
                events.append(
                    CalendarEvent(
                        uid=f"peer-{assignment.pk}-cohort-{cohort.pk}-{key}",
                        title=_("%(event)s — %(cohort)s")
                        % {"event": title % {"a": titles[assignment.pk]}, "cohort": cohort.title}
                        if len(cohorts) > 1
                        else title % {"a": titles[assignment.pk]},
                        starts=moment.astimezone(zone),
                        ends=None,
                        all_day=False,
                        kind="peer_review",
                        url=reviews(assignment.pk),
                    )
                )
    return events
