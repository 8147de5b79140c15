"""What a mentor and an admin see first on their dashboard: what is waiting for them now.

A fixed handful of queries each, however many teams and cohorts there are."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from assessments.models import FeedbackThread, RouteDesign
from assessments.selectors import review_queue_page, route_assignments, team_deadlines
from certificates.models import BulkIssue, BulkIssueItem, Certificate
from lms.models import Cohort, Team

WEEK = dt.timedelta(days=7)


@dataclass
class MentorDesk:
    waiting: list  # routes waiting for review, oldest first, each with .waiting_for
    waiting_total: int
    open_threads: int
    threads_by_team: list[tuple[str, int]]
    deadlines: list[tuple[object, object, object]] = field(default_factory=list)  # (team, a, at)


def mentor_desk(mentor, *, shown: int = 5) -> MentorDesk:
    now = timezone.now()
    page = review_queue_page(mentor, 1, size=shown)  # the rows and their total in one query
    queue, total = list(page.object_list), page.paginator.count
    for route in queue:
        route.waiting_for = now - route.updated_at
    teams = list(
        Team.objects.filter(Q(mentor=mentor) | Q(cohort__lead_mentor=mentor)).select_related(
            "cohort__program"
        )
    )
    threads = Counter(
        dict(
            FeedbackThread.objects.filter(
                status=FeedbackThread.Status.OPEN, design__team__in=[t.pk for t in teams]
            )
            .values_list("design__team__name")
            .annotate(n=Count("id"))
        )
    )
    deadlines = []
    by_program = defaultdict(list)
    for team in teams:
        by_program[team.cohort.program].append(team)
    for program, program_teams in by_program.items():
        for assignment in route_assignments(program):
            # One query per assignment for all its teams' deadlines, extensions included.
            due = team_deadlines(assignment, [t.pk for t in program_teams])
            deadlines.extend(
                (team, assignment, due[team.pk])
                for team in program_teams
                if due[team.pk] and now <= due[team.pk] <= now + WEEK
            )
    deadlines.sort(key=lambda row: row[2])
    return MentorDesk(
        waiting=queue,
        waiting_total=total,
        open_threads=sum(threads.values()),
        threads_by_team=threads.most_common(5),
        deadlines=deadlines,
    )


@dataclass
class CohortLine:
    cohort: Cohort
    learners: int
    teams: int
    routes: dict  # state label → count
    certificates: int


def admin_desk(*, shown: int = 6) -> dict:
    """Running and coming cohorts with their counts, and the bulk issues still at work."""
    today = timezone.localdate()
    cohorts = list(
        Cohort.objects.filter(ends_on__gte=today - dt.timedelta(days=30))
        .select_related("program")
        .annotate(
            n_learners=Count("enrollments", distinct=True), n_teams=Count("teams", distinct=True)
        )
        .order_by("starts_on")[:shown]
    )
    ids = [c.pk for c in cohorts]
    states = defaultdict(Counter)
    labels = dict(RouteDesign.State.choices)
    for cohort_id, state, n in (
        RouteDesign.objects.filter(team__cohort_id__in=ids)
        .values_list("team__cohort_id", "state")
        .annotate(n=Count("id"))
    ):
        states[cohort_id][str(labels.get(state, state))] += n
    issued = dict(
        Certificate.objects.filter(cohort_id__in=ids, status=Certificate.Status.VALID)
        .values_list("cohort_id")
        .annotate(n=Count("id"))
    )
    pending = BulkIssueItem.objects.filter(job=OuterRef("pk"), status=BulkIssueItem.Status.PENDING)
    running = list(BulkIssue.objects.filter(Exists(pending)).select_related("cohort")[:shown])
    return {
        "cohorts": [
            CohortLine(
                cohort=c,
                learners=c.n_learners,
                teams=c.n_teams,
                routes=dict(states[c.pk]),
                certificates=issued.get(c.pk, 0),
            )
            for c in cohorts
        ],
        "bulk_running": running,
    }
