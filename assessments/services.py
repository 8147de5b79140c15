"""State changes of a team's route: drafting, submitting, reviewing. One transaction each."""

from dataclasses import asdict, dataclass, fields
from datetime import time
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import Membership

from .models import (
    CriterionScore,
    Review,
    RouteAssignmentPage,
    RouteDesign,
    RouteDesignVersion,
    RouteStop,
    RouteTransition,
)
from .scoring import CriterionMark, weighted_score


class RouteConflict(Exception):
    """Someone else saved the draft since this user loaded it."""

    def __init__(self, current: RouteDesignVersion):
        super().__init__("the draft changed since it was loaded")
        self.current = current


@dataclass(frozen=True)
class StopData:
    """One stop as the team entered it: an enterprise, or another place with coordinates."""

    enterprise_id: int | None
    arrival_time: time
    stay_minutes: int
    transfer_minutes: int
    day: int = 1
    transfer_mode: str = "coach"
    place_name: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    notes: str = ""

    @classmethod
    def of(cls, stop: RouteStop) -> "StopData":
        return cls(**{f.name: getattr(stop, f.name) for f in fields(cls)})

    def as_stop(self, version, position: int) -> RouteStop:
        return RouteStop(version=version, position=position, **asdict(self))


# What a team writes in a version besides its stops.
ROUTE_FIELDS = (
    "title",
    "narrative",
    "audience",
    "audience_min_age",
    "season",
    "days",
    "group_size",
    "start_date",
    "price_per_person",
    "cost_items",
    "meeting_point",
    "safety_plan",
)


def _record(design, version, from_state, to_state, actor):
    RouteTransition.objects.create(
        design=design,
        version=version,
        from_state=from_state,
        to_state=to_state,
        actor=actor,
        at=timezone.now(),
    )


def _membership(user, design: RouteDesign) -> Membership | None:
    return Membership.objects.filter(user=user, team_id=design.team_id).first()


def start_route(*, team, assignment: RouteAssignmentPage) -> RouteDesign:
    """The team's route for the assignment, with an empty first draft if it is new."""
    with transaction.atomic():
        design, created = RouteDesign.objects.get_or_create(team=team, assignment=assignment)
        if created:
            RouteDesignVersion.objects.create(design=design, number=1)
    return design


def draft_of(design: RouteDesign) -> RouteDesignVersion | None:
    return design.versions.filter(submitted_at__isnull=True).order_by("-number").first()


@transaction.atomic
def save_route_draft(
    *,
    design: RouteDesign,
    user,
    stops: list[StopData],
    lock_version: int,
    **content,
) -> RouteDesignVersion:
    """Replace the draft's content (ROUTE_FIELDS and stops).

    Raises RouteConflict if the draft changed since `lock_version`.
    """
    unknown = set(content) - set(ROUTE_FIELDS)
    if unknown:
        raise TypeError(f"not route fields: {sorted(unknown)}")
    if _membership(user, design) is None:
        raise PermissionDenied("only the team edits its route")
    design = RouteDesign.objects.select_for_update().get(pk=design.pk)
    if design.state == RouteDesign.State.ACCEPTED:
        raise ValidationError(_("Маршрут принят; изменить его больше нельзя."))
    draft = draft_of(design)
    if draft is None:
        raise ValidationError(_("У маршрута нет черновика."))
    if draft.lock_version != lock_version:
        raise RouteConflict(draft)
    for name, value in content.items():
        setattr(draft, name, value)
    draft.lock_version += 1
    draft.updated_by = user
    draft.full_clean(exclude=["design", "updated_by", "submitted_by"])
    draft.save()
    draft.stops.all().delete()
    RouteStop.objects.bulk_create(stop.as_stop(draft, i) for i, stop in enumerate(stops, start=1))
    return draft


@transaction.atomic
def submit_route(*, design: RouteDesign, user) -> RouteDesignVersion:
    """Freeze the draft as the submitted version and start the next draft from a copy."""
    membership = _membership(user, design)
    if membership is None or membership.role != Membership.Role.CAPTAIN:
        raise PermissionDenied("only the captain submits")
    design = RouteDesign.objects.select_for_update().get(pk=design.pk)
    if design.state not in (RouteDesign.State.DRAFT, RouteDesign.State.RETURNED):
        raise ValidationError(_("Маршрут уже отправлен или принят."))
    draft = draft_of(design)
    if draft is None or not draft.title.strip():
        raise ValidationError(_("Дайте маршруту название перед отправкой."))
    stops = list(draft.stops.select_related("enterprise"))
    if len(stops) < 2:
        raise ValidationError(_("В маршруте должно быть хотя бы две остановки."))
    from .checks import findings_for_version

    findings = findings_for_version(draft, stops=stops)
    errors = [f["message"] for f in findings if f["severity"] == "error"]
    if errors:
        raise ValidationError(
            _("Исправьте ошибки маршрута перед отправкой: %(errors)s")
            % {"errors": " ".join(errors)}
        )
    now = timezone.now()
    draft.submitted_at = now
    draft.submitted_by = user
    draft.findings = findings
    draft.save(update_fields=["submitted_at", "submitted_by", "findings"])

    next_draft = RouteDesignVersion.objects.create(
        design=design,
        number=draft.number + 1,
        updated_by=user,
        **{name: getattr(draft, name) for name in ROUTE_FIELDS},
    )
    RouteStop.objects.bulk_create(
        StopData.of(stop).as_stop(next_draft, stop.position) for stop in stops
    )
    previous = design.state
    design.state = RouteDesign.State.SUBMITTED
    design.save(update_fields=["state", "updated_at"])
    _record(design, draft, previous, design.state, user)
    return draft


def can_review(user, design: RouteDesign) -> bool:
    team = design.team
    return team.mentor_id == user.id or team.cohort.mentors.filter(pk=user.pk).exists()


@transaction.atomic
def review_route(
    *,
    version: RouteDesignVersion,
    mentor,
    points: dict[int, int],
    comment: str,
    decision: str,
) -> Review:
    """Score the submitted version on every rubric criterion and return or accept the route."""
    design = (
        RouteDesign.objects.select_for_update()
        .select_related("team__cohort")
        .get(pk=version.design_id)
    )
    if not can_review(mentor, design):
        raise PermissionDenied("not this team's mentor")
    if design.state != RouteDesign.State.SUBMITTED or not version.is_frozen:
        raise ValidationError(_("Этот маршрут сейчас не ждёт проверки."))
    latest = design.versions.filter(submitted_at__isnull=False).order_by("-number").first()
    if latest.pk != version.pk:
        raise ValidationError(_("Проверять можно только последнюю отправленную версию."))
    if decision not in Review.Decision.values:
        raise ValidationError(_("Выберите решение: вернуть или принять."))
    if not comment.strip():
        raise ValidationError(_("Напишите команде комментарий."))
    criteria = list(design.assignment.rubric.criteria.all())
    missing = [c.name for c in criteria if c.pk not in points]
    if missing:
        raise ValidationError(_("Оцените все критерии: %(names)s") % {"names": ", ".join(missing)})
    marks = [CriterionMark(c.weight, points[c.pk], c.max_points) for c in criteria]
    try:
        score = weighted_score(marks)
    except ValueError as exc:
        raise ValidationError(_("Балл вне допустимого диапазона.")) from exc
    review = Review.objects.create(
        version=version, mentor=mentor, comment=comment, decision=decision, score=score
    )
    CriterionScore.objects.bulk_create(
        CriterionScore(
            review=review,
            criterion=c,
            criterion_name=c.name,
            weight=c.weight,
            max_points=c.max_points,
            points=points[c.pk],
        )
        for c in criteria
    )
    previous = design.state
    design.state = (
        RouteDesign.State.ACCEPTED
        if decision == Review.Decision.ACCEPT
        else RouteDesign.State.RETURNED
    )
    design.save(update_fields=["state", "updated_at"])
    _record(design, version, previous, design.state, mentor)
    return review


def submit_quiz_attempt(*, user, quiz, lesson, answers: dict, attempt_number: int):
    """Grade and store one attempt. The attempt number is checked against the stored count.

    Raises ValidationError (no attempts left, a stale or tampered attempt number, answers
    that do not fit the quiz) and PermissionDenied (not enrolled, or the lesson is locked).
    """
    from courses.selectors import lesson_state

    from .grading import InvalidAnswers, grade
    from .models import QuizAttempt
    from .selectors import lesson_quizzes

    if quiz.pk not in {q.pk for q in lesson_quizzes(lesson)}:
        raise ValidationError(_("Этого теста нет в уроке."))
    state = lesson_state(lesson, user)
    if not state["enrolled"] or state["locked"]:
        raise PermissionDenied("the lesson is not open to this user")
    try:
        graded = grade(quiz.graded_questions(), answers)
    except InvalidAnswers as exc:
        raise ValidationError(
            _("Ответы не подходят к этому тесту. Обновите страницу и ответьте заново.")
        ) from exc
    try:
        with transaction.atomic():
            used = QuizAttempt.objects.select_for_update().filter(user=user, quiz=quiz).count()
            if used >= quiz.max_attempts:
                raise ValidationError(_("Попытки закончились: засчитан лучший результат."))
            if attempt_number != used + 1:
                raise ValidationError(
                    _("Эта попытка уже отправлена или страница устарела. Обновите страницу.")
                )
            return QuizAttempt.objects.create(
                user=user,
                quiz=quiz,
                lesson=lesson,
                number=used + 1,
                answers=answers,
                correct=graded.correct,
                score=graded.score,
                passed=graded.passed(quiz.pass_percent),
                submitted_at=timezone.now(),
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("Эта попытка уже отправлена или страница устарела. Обновите страницу.")
        ) from exc
