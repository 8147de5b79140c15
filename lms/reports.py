"""Where every team stands: the cohort report, the grade book and mentors' workload.

Everything is computed in a fixed number of queries whatever the cohort's size; exports
stream row by row.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from assessments.models import QuizAttempt, Review, RouteDesign
from certificates.selectors import cohort_eligibility

from .models import Team
from .roles import CERTIFICATE_ADMIN, has_role


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
    score: Decimal | None
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
    teams = list(visible_teams(cohort, viewer)) if visible is None else list(visible)
    if region_id:
        teams = [t for t in teams if t.region_id == region_id]
    if team_id:
        teams = [t for t in teams if t.pk == team_id]
    by_team = {t.pk: TeamLine(team=t) for t in teams}
    routes = list(RouteDesign.objects.filter(team__in=teams).order_by("created_at"))
    for design in routes:
        line = by_team[design.team_id]
        line.route_state, line.route_state_label = design.state, design.get_state_display()
    # The whole cohort for an admin's unfiltered report; otherwise only the teams shown.
    whole = not (region_id or team_id) and has_role(viewer, CERTIFICATE_ADMIN)
    rows = [
        row
        for row in cohort_eligibility(
            cohort, need=need, team_ids=None if whole else list(by_team), routes=routes
        )
        if row.team is not None and row.team.pk in by_team
    ]
    averages = _quiz_averages([r.user.pk for r in rows])
    learners = []
    for row in rows:
        team_line = by_team[row.team.pk]
        team_line.score = row.score
        line = LearnerLine(
            user=row.user,
            team=row.team,
            lessons_done=row.lessons_done,
            lessons_total=row.lessons_total,
            quizzes_passed=row.quizzes_passed,
            quizzes_total=row.quizzes_total,
            quiz_average=averages.get(row.user.pk),
            route_state=team_line.route_state_label,
            score=row.score,
            eligible=row.eligible,
            lacks=row.lacks,
            certificate=row.certificate,
        )
        team_line.learners.append(line)
        learners.append(line)
    return CohortReport(cohort=cohort, teams=list(by_team.values()), learners=learners)


def _quiz_averages(user_ids) -> dict:
    """Each learner's average over quizzes of their best attempt, in one query."""
    best = defaultdict(dict)
    for user_id, quiz_id, score in QuizAttempt.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "quiz_id", "score"
    ):
        if score > best[user_id].get(quiz_id, Decimal(-1)):
            best[user_id][quiz_id] = score
    return {
        user_id: (sum(scores.values()) / len(scores)).quantize(Decimal("0.1"))
        for user_id, scores in best.items()
    }


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


def mentor_workload(cohort, *, teams=None) -> list[MentorLoad]:
    """Per mentor of the cohort: teams, routes waiting, median hours from submission to review.

    `teams`: every team of the cohort, when the caller has them (an admin's report)."""
    from django.contrib.auth import get_user_model

    if teams is None:
        mentor_ids = Team.objects.filter(cohort=cohort).values_list("mentor_id", flat=True)
    else:
        mentor_ids = [team.mentor_id for team in teams]
    team_counts = defaultdict(int)
    for mentor_id in mentor_ids:
        if mentor_id:
            team_counts[mentor_id] += 1
    pending = defaultdict(int)
    for mentor_id in RouteDesign.objects.filter(
        team__cohort=cohort,
        state__in=[RouteDesign.State.SUBMITTED, RouteDesign.State.IN_REVIEW],
    ).values_list("team__mentor_id", flat=True):
        if mentor_id:
            pending[mentor_id] += 1
    waits = defaultdict(list)
    for mentor_id, submitted, reviewed in Review.objects.filter(
        version__design__team__cohort=cohort, version__submitted_at__isnull=False
    ).values_list("mentor_id", "version__submitted_at", "created_at"):
        waits[mentor_id].append((reviewed - submitted).total_seconds() / 3600)
    ids = set(team_counts) | set(pending) | set(waits)
    ids |= set(cohort.mentors.values_list("pk", flat=True))
    mentors = get_user_model().objects.filter(pk__in=ids).order_by("last_name", "first_name")
    return [
        MentorLoad(
            mentor=m,
            teams=team_counts.get(m.pk, 0),
            pending=pending.get(m.pk, 0),
            median_hours=round(statistics.median(waits[m.pk]), 1) if waits.get(m.pk) else None,
        )
        for m in mentors
    ]
