"""State changes of a team's route: drafting, submitting, reviewing. One transaction each."""

from dataclasses import dataclass
from datetime import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
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
    enterprise_id: int
    arrival_time: time
    stay_minutes: int
    transfer_minutes: int
    day: int = 1


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
    title: str,
    narrative: str,
    stops: list[StopData],
    lock_version: int,
) -> RouteDesignVersion:
    """Replace the draft's content; raises RouteConflict if it changed since `lock_version`."""
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
    draft.title = title
    draft.narrative = narrative
    draft.lock_version += 1
    draft.updated_by = user
    draft.save()
    draft.stops.all().delete()
    RouteStop.objects.bulk_create(
        RouteStop(
            version=draft,
            position=i,
            enterprise_id=stop.enterprise_id,
            day=stop.day,
            arrival_time=stop.arrival_time,
            stay_minutes=stop.stay_minutes,
            transfer_minutes=stop.transfer_minutes,
        )
        for i, stop in enumerate(stops, start=1)
    )
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
    stops = list(draft.stops.all())
    if len(stops) < 2:
        raise ValidationError(_("В маршруте должно быть хотя бы две остановки."))
    now = timezone.now()
    draft.submitted_at = now
    draft.submitted_by = user
    draft.save(update_fields=["submitted_at", "submitted_by"])

    next_draft = RouteDesignVersion.objects.create(
        design=design,
        number=draft.number + 1,
        title=draft.title,
        narrative=draft.narrative,
        updated_by=user,
    )
    RouteStop.objects.bulk_create(
        RouteStop(
            version=next_draft,
            position=s.position,
            enterprise_id=s.enterprise_id,
            day=s.day,
            arrival_time=s.arrival_time,
            stay_minutes=s.stay_minutes,
            transfer_minutes=s.transfer_minutes,
        )
        for s in stops
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
