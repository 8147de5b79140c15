"""Where every team and learner stands: the learner's dashboard, the cohort report, the grade
book and mentors' workload.

Everything is computed in a fixed number of queries whatever the cohort's size; exports
stream row by row.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Q

from assessments.models import Review, RouteDesign
from assessments.selectors import (
    member_project_score,
    route_assignments,
    stale_reviews,
    team_deadlines,
    with_late_mark,
)
from certificates.models import Certificate
from certificates.selectors import cohort_eligibility
from courses.models import Enrollment
from courses.selectors import program_outline
from lms.models import Membership, Team
from lms.roles import CERTIFICATE_ADMIN, has_role

from .models import CalendarFeed


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
                "assignments": [
                    (
                        a,
                        route,
                        member_project_score(route, user) if route else None,
                        route.deadline
                        if route
                        else team_deadlines(a, [membership.team_id])[membership.team_id]
                        if membership
                        else a.deadline,
                    )
                    for a in assignments
                    for route in [routes.get(a.id)]
                ],
                "certificate": certificates.get(cohort.id),
            }
        )
    return entries


@dataclass
class LearnerLine:
    user: object
    team: Team | None
    lessons_done: int
    lessons_total: int
    quizzes_passed: int
    quizzes_total: int
    quiz_average: Decimal | None
    route_state: str | None
    score: Decimal | None  # the learner's own project score, after any late penalty
    team_score: Decimal | None
    score_reason: str
    score_before_penalty: Decimal | None
    late_penalty: int  # percent taken off for a late version
    eligible: bool
    lacks: list[str]
    certificate: object

    @property
    def lessons_percent(self) -> int:
        return round(100 * self.lessons_done / self.lessons_total) if self.lessons_total else 0


@dataclass
class TeamLine:
    team: Team
    learners: list[LearnerLine] = field(default_factory=list)
    route_state: str | None = None
    route_state_label: str = "—"
    score: Decimal | None = None
    # The route whose published review was scored on a rubric changed since (to reopen).
    regrade_route_id: int | None = None
    # The route's latest submitted version: marked late, how late, and its penalty (percent).
    late_marked: bool = False
    late_by: object = None
    late_penalty: int = 0

    @property
    def lessons_percent(self) -> int:
        done = sum(line.lessons_done for line in self.learners)
        total = sum(line.lessons_total for line in self.learners)
        return round(100 * done / total) if total else 0

    @property
    def eligible(self) -> int:
        return sum(1 for line in self.learners if line.eligible)


@dataclass
class CohortReport:
    cohort: object
    teams: list[TeamLine]
    learners: list[LearnerLine]
    routes: list  # every route of the viewer's teams, shown or filtered out


def visible_teams(cohort, viewer):
    """An admin sees every team; a mentor only the teams they mentor."""
    teams = Team.objects.filter(cohort=cohort).select_related("region", "mentor")
    if has_role(viewer, CERTIFICATE_ADMIN):
        return teams
    return teams.filter(Q(mentor=viewer) | Q(cohort__lead_mentor=viewer))


def cohort_report(
    cohort, *, viewer, region_id=None, team_id=None, visible=None, need=None
) -> CohortReport:
    """`visible`: the viewer's teams when the caller has them already (the filter lists them);
    `need`: the programme's requirements, when the caller has them."""
    visible = list(visible_teams(cohort, viewer)) if visible is None else list(visible)
    teams = visible
    if region_id:
        teams = [t for t in teams if t.region_id == region_id]
    if team_id:
        teams = [t for t in teams if t.pk == team_id]
    by_team = {t.pk: TeamLine(team=t) for t in teams}
    # Every visible team's routes, so an admin's workload counts from them under a filter too.
    routes = list(
        with_late_mark(RouteDesign.objects.filter(team__in=visible)).order_by("created_at")
    )
    # A subquery of the teams shown: the same two queries whether or not they have routes.
    stale = stale_reviews(RouteDesign.objects.filter(team_id__in=list(by_team)).values("id"))
    for design in routes:
        if design.team_id in by_team:
            line = by_team[design.team_id]
            line.route_state, line.route_state_label = design.state, design.get_state_display()
            line.late_marked, line.late_by = design.late_marked, design.late_by
            line.late_penalty = design.late_penalty or 0
            if design.pk in stale:
                line.regrade_route_id = design.pk
    # The whole cohort for an admin's unfiltered report; otherwise only the teams shown.
    whole = not (region_id or team_id) and has_role(viewer, CERTIFICATE_ADMIN)
    rows = [
        row
        for row in cohort_eligibility(
            cohort,
            need=need,
            team_ids=None if whole else list(by_team),
            routes=routes,
            teams={t.pk: t for t in teams},
            quiz_averages=True,
        )
        if row.team is not None and row.team.pk in by_team
    ]
    learners = []
    for row in rows:
        team_line = by_team[row.team.pk]
        team_line.score = row.team_score
        line = LearnerLine(
            user=row.user,
            team=row.team,
            lessons_done=row.lessons_done,
            lessons_total=row.lessons_total,
            quizzes_passed=row.quizzes_passed,
            quizzes_total=row.quizzes_total,
            quiz_average=row.quiz_average,
            route_state=team_line.route_state_label,
            score=row.score,
            team_score=row.team_score,
            score_reason=row.score_reason,
            score_before_penalty=row.score_before_penalty,
            late_penalty=row.late_penalty,
            eligible=row.eligible,
            lacks=row.lacks,
            certificate=row.certificate,
        )
        team_line.learners.append(line)
        learners.append(line)
    return CohortReport(
        cohort=cohort, teams=list(by_team.values()), learners=learners, routes=routes
    )


GRADEBOOK_HEADER = [
    "ФИО",
    "E-mail",
    "Регион",
    "Команда",
    "Уроков пройдено",
    "Уроков всего",
    "Тестов сдано",
    "Тестов всего",
    "Средний балл тестов",
    "Маршрут",
    "Балл проекта",
    "Балл команды",
    "Основание личного балла",
    "Балл до снижения за опоздание",
    "Снижение за опоздание, %",
    "Допуск к удостоверению",
    "Чего не хватает",
    "Удостоверение",
]


def gradebook_rows(report: CohortReport):
    for line in report.learners:
        yield [
            line.user.full_name,
            line.user.email,
            line.team.region.name if line.team else "",
            line.team.name if line.team else "",
            line.lessons_done,
            line.lessons_total,
            line.quizzes_passed,
            line.quizzes_total,
            line.quiz_average,
            line.route_state,
            line.score,
            line.team_score,
            line.score_reason,
            line.score_before_penalty if line.late_penalty else "",
            line.late_penalty or "",
            "да" if line.eligible else "нет",
            "; ".join(line.lacks),
            line.certificate.serial if line.certificate else "",
        ]


@dataclass
class MentorLoad:
    mentor: object
    teams: int
    pending: int
    median_hours: float | None


def mentor_workload(cohort, *, teams=None, routes=None) -> list[MentorLoad]:
    """Per mentor of the cohort: teams, routes waiting, median hours from submission to review.

    An admin's report passes what it has read: `teams`, every team of the cohort, and
    `routes`, every route of those teams."""
    if teams is None:
        mentor_of = dict(Team.objects.filter(cohort=cohort).values_list("pk", "mentor_id"))
    else:
        mentor_of = {team.pk: team.mentor_id for team in teams}
    team_counts = defaultdict(int)
    for mentor_id in mentor_of.values():
        if mentor_id:
            team_counts[mentor_id] += 1
    waiting = [RouteDesign.State.SUBMITTED, RouteDesign.State.IN_REVIEW]
    if routes is None:
        pending_mentors = RouteDesign.objects.filter(
            team__cohort=cohort, state__in=waiting
        ).values_list("team__mentor_id", flat=True)
    else:
        pending_mentors = [mentor_of.get(d.team_id) for d in routes if d.state in waiting]
    pending = defaultdict(int)
    for mentor_id in pending_mentors:
        if mentor_id:
            pending[mentor_id] += 1
    waits = defaultdict(list)
    for mentor_id, submitted, reviewed in Review.objects.filter(
        version__design__team__cohort=cohort, version__submitted_at__isnull=False
    ).values_list("mentor_id", "version__submitted_at", "created_at"):
        waits[mentor_id].append((reviewed - submitted).total_seconds() / 3600)
    ids = set(team_counts) | set(pending) | set(waits)
    mentors = (
        get_user_model()
        .objects.filter(Q(pk__in=ids) | Q(mentored_cohorts=cohort))
        .distinct()
        .order_by("last_name", "first_name")
    )
    return [
        MentorLoad(
            mentor=m,
            teams=team_counts.get(m.pk, 0),
            pending=pending.get(m.pk, 0),
            median_hours=round(statistics.median(waits[m.pk]), 1) if waits.get(m.pk) else None,
        )
        for m in mentors
    ]


def calendar_feeds_data(user) -> dict:
    """The personal-data export's section: the person's calendar addresses, when each was
    made, last used and revoked (the key itself is never kept). One query."""
    rows = CalendarFeed.objects.filter(user=user).order_by("created_at", "id")
    return {"calendar_feeds": list(rows.values("created_at", "last_used_at", "revoked_at"))}
