"""Who in a cohort may receive a certificate, and what each still lacks.

The conditions are the programme's (Wagtail, tab «Удостоверение»): every lesson of the
required modules done, their quizzes passed, the team's route accepted with at least the
minimum score, attendance at least the minimum the admin entered.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import gettext as _

from assessments.models import (
    QuizAttempt,
    Review,
    RouteAssignmentPage,
    RouteDesign,
)
from assessments.selectors import project_scores
from core import cached
from core.numbers import number, percent
from courses.models import Enrollment, LessonProgress, ModulePage
from courses.selectors import STRUCTURE, program_lessons
from lms.models import Membership, Team

from .models import Certificate


@dataclass
class Eligibility:
    user: object
    team: object | None
    enrollment: object
    lessons_done: int
    lessons_total: int
    quizzes_passed: int
    quizzes_total: int
    routes_accepted: int
    routes_total: int
    # The team's score from its accepted review, and the learner's own project score: the
    # team's unless the mentor set theirs apart (with a reason); both after the late penalty.
    # Rules and exports use `score`.
    team_score: Decimal | None
    attendance: int | None
    certificate: Certificate | None = None
    score: Decimal | None = None
    score_reason: str = ""
    # The score before the late penalty of the version reviewed, and that penalty (percent).
    score_before_penalty: Decimal | None = None
    late_penalty: int = 0
    lacks: list[str] = field(default_factory=list)
    quiz_average: Decimal | None = None  # read only when asked for (the cohort report)

    @property
    def eligible(self) -> bool:
        return not self.lacks

    @property
    def needs_reissue(self) -> bool:
        """A valid certificate whose grade is no longer the learner's (a review was regraded),
        or whose holder is no longer eligible: the admin decides; nothing changes by itself."""
        certificate = self.certificate
        if certificate is None or certificate.status != Certificate.Status.VALID:
            return False
        return not self.eligible or certificate.grade != self.score


@dataclass
class Requirements:
    lesson_ids: list[int]
    quiz_ids: list[int]
    assignment_ids: list[int]
    min_score: Decimal | None
    min_attendance: int | None


def _quiz_ids(lessons) -> list[int]:
    ids = []
    for lesson in lessons:
        for block in lesson.body.raw_data:
            quiz_id = block["value"].get("quiz") if block["type"] == "quiz" else None
            if quiz_id and quiz_id not in ids:
                ids.append(quiz_id)
    return ids


def requirements_of(program) -> Requirements:
    optional = [m.path for m in ModulePage.objects.child_of(program).filter(required=False)]
    lessons = [
        lesson
        for lesson in program_lessons(program).only("id", "path", "body")
        if not any(lesson.path.startswith(path) for path in optional)
    ]
    assignment_ids = []
    if program.certificate_requires_route:
        assignment_ids = list(
            RouteAssignmentPage.objects.live().descendant_of(program).values_list("id", flat=True)
        )
    return Requirements(
        lesson_ids=[lesson.id for lesson in lessons],
        quiz_ids=_quiz_ids(lessons) if program.certificate_requires_quizzes else [],
        assignment_ids=assignment_ids,
        min_score=program.certificate_min_score,
        min_attendance=program.certificate_min_attendance,
    )


def cached_requirements(program) -> Requirements:
    """requirements_of, cached with the programmes' structure (until any page changes): for
    the reports, which show eligibility on every view. Issuing reads the pages afresh."""
    return cached.get_or_build(
        STRUCTURE, program.pk, "requirements", build=lambda: requirements_of(program)
    )


def _quiz_figures(learner_ids, quiz_ids, *, averages: bool) -> tuple[dict, dict]:
    """Per learner: how many of `quiz_ids` they passed and, if `averages`, their average over
    every quiz they took (the best attempt of each)."""
    if not averages:
        passed = (
            QuizAttempt.objects.filter(user_id__in=learner_ids, quiz_id__in=quiz_ids, passed=True)
            .values_list("user_id")
            .annotate(n=Count("quiz_id", distinct=True))
            .values_list("user_id", "n")
        )
        return dict(passed), {}
    required = set(quiz_ids)
    best: dict[int, dict[int, Decimal]] = defaultdict(dict)
    passed_quizzes: dict[int, set[int]] = defaultdict(set)
    attempts = QuizAttempt.objects.filter(user_id__in=learner_ids).order_by()
    for user_id, quiz_id, score, ok in attempts.values_list(
        "user_id", "quiz_id", "score", "passed"
    ):
        if score > best[user_id].get(quiz_id, Decimal(-1)):
            best[user_id][quiz_id] = score
        if ok and quiz_id in required:
            passed_quizzes[user_id].add(quiz_id)
    return (
        {user_id: len(quizzes) for user_id, quizzes in passed_quizzes.items()},
        {
            user_id: (sum(scores.values()) / len(scores)).quantize(Decimal("0.1"))
            for user_id, scores in best.items()
        },
    )


def _project_scores(cohort, team_ids=None) -> tuple[dict, dict]:
    """The project scores (assessments.selectors.project_scores, late penalty applied) from
    each team's latest accepted, published review, of `team_ids` if given. Two queries."""
    reviews = Review.objects.filter(
        version__design__team__cohort=cohort,
        decision=Review.Decision.ACCEPT,
        status=Review.Status.PUBLISHED,
    )
    if team_ids is not None:
        reviews = reviews.filter(version__design__team_id__in=team_ids)
    return project_scores(reviews)


def cohort_eligibility(
    cohort,
    *,
    only_user=None,
    user_ids=None,
    team_ids=None,
    need: Requirements | None = None,
    routes=None,
    teams=None,
    quiz_averages=False,
) -> list[Eligibility]:
    """One row per enrolled learner, in a fixed number of queries; or only for `only_user`,
    the learners `user_ids`, or the members of the teams `team_ids`.

    The cohort report passes what it has read already, so it is not read again: `routes`, the
    route designs of (at least) these learners' teams; `teams`, those teams by id. With
    `quiz_averages`, each row also carries the learner's average over quizzes (best attempt
    of each), from the same read of attempts as the quizzes passed."""
    need = need or requirements_of(cohort.program)
    team_of = Membership.objects.filter(cohort=cohort, user=OuterRef("user_id"))
    enrollments = (
        Enrollment.objects.filter(cohort=cohort)
        .select_related("user")
        .annotate(team_id=Subquery(team_of.values("team_id")[:1]))
    )
    if only_user is not None:
        enrollments = enrollments.filter(user=only_user)
    if user_ids is not None:
        enrollments = enrollments.filter(user_id__in=user_ids)
    if team_ids is not None:
        enrollments = enrollments.filter(
            user__memberships__cohort=cohort, user__memberships__team_id__in=team_ids
        )
    enrollments = list(enrollments.order_by("user__last_name", "user__first_name", "user__id"))
    learner_ids = [e.user_id for e in enrollments]
    done = dict(
        LessonProgress.objects.filter(user_id__in=learner_ids, lesson_id__in=need.lesson_ids)
        .values_list("user_id")
        .annotate(n=Count("id"))
        .values_list("user_id", "n")
    )
    passed, averages = _quiz_figures(learner_ids, need.quiz_ids, averages=quiz_averages)
    wanted_teams = {e.team_id for e in enrollments if e.team_id is not None}
    if teams is None or not wanted_teams <= set(teams):
        teams = Team.objects.select_related("region").in_bulk(wanted_teams)
    # Issuing one certificate reads its learner's team only, not the whole cohort's routes.
    narrowed = only_user is not None or user_ids is not None or team_ids is not None
    their_teams = wanted_teams if narrowed else None
    if routes is None:
        designs = RouteDesign.objects.filter(
            team__cohort=cohort,
            assignment_id__in=need.assignment_ids,
            state=RouteDesign.State.ACCEPTED,
        )
        if their_teams is not None:
            designs = designs.filter(team_id__in=their_teams)
        accepted = dict(
            designs.values_list("team_id").annotate(n=Count("id")).values_list("team_id", "n")
        )
    else:
        wanted = set(need.assignment_ids)
        accepted = Counter(
            design.team_id
            for design in routes
            if design.state == RouteDesign.State.ACCEPTED and design.assignment_id in wanted
        )
    team_scores, member_scores = _project_scores(cohort, their_teams)
    certificates = {
        c.holder_id: c
        # The newest wins: after a revocation, the certificate issued again.
        for c in Certificate.objects.filter(cohort=cohort, holder_id__in=learner_ids)
        .exclude(status=Certificate.Status.REPLACED)
        .order_by("issued_at", "id")
    }
    rows = []
    for enrollment in enrollments:
        user = enrollment.user
        team = teams.get(enrollment.team_id)
        row = Eligibility(
            user=user,
            team=team,
            enrollment=enrollment,
            lessons_done=done.get(user.id, 0),
            lessons_total=len(need.lesson_ids),
            quizzes_passed=passed.get(user.id, 0),
            quizzes_total=len(need.quiz_ids),
            routes_accepted=accepted.get(team.id, 0) if team else 0,
            routes_total=len(need.assignment_ids),
            team_score=team_scores[team.id].score if team and team.id in team_scores else None,
            attendance=enrollment.attendance_percent,
            certificate=certificates.get(user.id),
            quiz_average=averages.get(user.id),
        )
        own = None
        if team is not None:
            own = member_scores.get((team.id, user.id)) or team_scores.get(team.id)
        if own is not None:
            row.score, row.score_reason = own.score, own.reason
            row.score_before_penalty, row.late_penalty = own.before_penalty, own.penalty
        row.lacks = _lacks(row, need)
        rows.append(row)
    return rows


def _lacks(row: Eligibility, need: Requirements) -> list[str]:
    lacks = []
    if row.lessons_done < row.lessons_total:
        lacks.append(
            _("пройдено уроков %(done)s из %(total)s")
            % {"done": row.lessons_done, "total": row.lessons_total}
        )
    if row.quizzes_passed < row.quizzes_total:
        lacks.append(
            _("сдано тестов %(done)s из %(total)s")
            % {"done": row.quizzes_passed, "total": row.quizzes_total}
        )
    if row.team is None:
        lacks.append(_("не состоит в команде"))
    elif row.routes_accepted < row.routes_total:
        lacks.append(_("маршрут команды не принят"))
    if need.min_score is not None and row.team is not None and row.routes_accepted:
        if row.score is None or row.score < need.min_score:
            lacks.append(
                _("балл проекта %(score)s ниже порога %(min)s")
                % {"score": number(row.score), "min": number(need.min_score)}
            )
    if need.min_attendance is not None:
        if row.attendance is None:
            lacks.append(_("посещаемость не внесена"))
        elif row.attendance < need.min_attendance:
            lacks.append(
                _("посещаемость %(value)s при минимуме %(min)s")
                % {"value": percent(row.attendance), "min": percent(need.min_attendance)}
            )
    return lacks


def eligibility_of(user, cohort, *, need: Requirements | None = None) -> Eligibility | None:
    rows = cohort_eligibility(cohort, only_user=user, need=need)
    return rows[0] if rows else None


def personal_data(user) -> dict:
    """The user's certificates, for their personal-data export."""
    return {
        "certificates": [
            {
                "serial": c.serial,
                "name": c.holder_name,
                "program": c.program_title,
                "issued_at": c.issued_at,
                "status": c.status,
                "verify_url": c.verify_url(),
            }
            for c in Certificate.objects.filter(holder=user)
        ]
    }
