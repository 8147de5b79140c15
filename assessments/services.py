"""State changes of a team's route: drafting, submitting, reviewing. One transaction each."""

import json
import os
import uuid
from dataclasses import asdict, dataclass, fields
from datetime import date, time
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import Membership
from lms.notifications import notify

from .models import (
    CriterionScore,
    GradeAdjustment,
    PeerAssessment,
    Review,
    RouteAssignmentPage,
    RouteAttachment,
    RouteDesign,
    RouteDesignVersion,
    RouteDraftSnapshot,
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
    autosave: bool = False,
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
    RouteDraftSnapshot.objects.create(
        design=design,
        version_number=draft.number,
        author=user,
        saved_at=timezone.now(),
        autosave=autosave,
        content=_snapshot(draft, stops),
    )
    return draft


def _snapshot(draft: RouteDesignVersion, stops: list[StopData]) -> dict:
    data = {
        "fields": {name: getattr(draft, name) for name in ROUTE_FIELDS},
        "stops": [asdict(stop) for stop in stops],
    }
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _from_snapshot(content: dict) -> tuple[dict, list[StopData]]:
    fields = dict(content["fields"])
    if fields.get("start_date"):
        fields["start_date"] = date.fromisoformat(fields["start_date"])
    if fields.get("price_per_person") is not None:
        fields["price_per_person"] = Decimal(fields["price_per_person"])
    stops = []
    for raw in content["stops"]:
        raw = dict(raw)
        raw["arrival_time"] = time.fromisoformat(raw["arrival_time"])
        for name in ("latitude", "longitude"):
            if raw.get(name) is not None:
                raw[name] = Decimal(raw[name])
        stops.append(StopData(**raw))
    return fields, stops


def restore_snapshot(*, design: RouteDesign, snapshot, user, lock_version: int):
    """Make an earlier save the current draft again (itself recorded as a new save)."""
    if snapshot.design_id != design.pk:
        raise PermissionDenied("snapshot of another route")
    fields, stops = _from_snapshot(snapshot.content)
    return save_route_draft(
        design=design, user=user, stops=stops, lock_version=lock_version, **fields
    )


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
    draft.is_late = now > design.deadline
    draft.save(update_fields=["submitted_at", "submitted_by", "findings", "is_late"])

    next_draft = RouteDesignVersion.objects.create(
        design=design,
        number=draft.number + 1,
        updated_by=user,
        **{name: getattr(draft, name) for name in ROUTE_FIELDS},
    )
    RouteStop.objects.bulk_create(
        StopData.of(stop).as_stop(next_draft, stop.position) for stop in stops
    )
    RouteAttachment.objects.bulk_create(
        RouteAttachment(
            version=next_draft,
            file=a.file.name,
            original_name=a.original_name,
            content_type=a.content_type,
            size=a.size,
            uploaded_by_id=a.uploaded_by_id,
            uploaded_at=a.uploaded_at,
        )
        for a in draft.attachments.all()
    )
    previous = design.state
    design.state = RouteDesign.State.SUBMITTED
    design.save(update_fields=["state", "updated_at"])
    _record(design, draft, previous, design.state, user)
    notify(
        mentors_of(design),
        template="route_submitted",
        context={"design": design, "version": draft},
        url="/reviews/",
    )
    return draft


def mentors_of(design: RouteDesign) -> list:
    team = design.team
    if team.mentor_id:
        return [team.mentor]
    return list(team.cohort.mentors.all())


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
    publish: bool = True,
    notes: dict[int, str] | None = None,
) -> Review:
    """Score the submitted version on every criterion; save privately or publish.

    A saved (unpublished) review stays private and editable; publishing applies the
    decision (return or accept) and notifies the team, unless the cohort's lead mentor
    must check it first. Raises PermissionDenied and ValidationError.
    """
    design = (
        RouteDesign.objects.select_for_update()
        .select_related("team__cohort", "assignment__rubric")
        .get(pk=version.design_id)
    )
    if not can_review(mentor, design):
        raise PermissionDenied("not this team's mentor")
    if design.state not in (RouteDesign.State.SUBMITTED, RouteDesign.State.IN_REVIEW):
        raise ValidationError(_("Этот маршрут сейчас не ждёт проверки."))
    latest = design.versions.filter(submitted_at__isnull=False).order_by("-number").first()
    if latest is None or latest.pk != version.pk:
        raise ValidationError(_("Проверять можно только последнюю отправленную версию."))
    if decision not in Review.Decision.values:
        raise ValidationError(_("Выберите решение: вернуть или принять."))
    if not comment.strip():
        raise ValidationError(_("Напишите команде комментарий."))
    rubric = design.assignment.rubric
    criteria = list(rubric.criteria.all())
    missing = [c.name for c in criteria if c.pk not in points]
    if missing:
        raise ValidationError(_("Оцените все критерии: %(names)s") % {"names": ", ".join(missing)})
    marks = [CriterionMark(c.weight, points[c.pk], c.max_points) for c in criteria]
    try:
        score = weighted_score(marks)
    except ValueError as exc:
        raise ValidationError(_("Балл вне допустимого диапазона.")) from exc
    review = Review.objects.filter(version=version, mentor=mentor).first()
    if review is not None and review.status != Review.Status.DRAFT:
        raise ValidationError(_("Рецензия уже отправлена; её нельзя изменить."))
    if review is None:
        review = Review(version=version, mentor=mentor)
    review.comment = comment
    review.decision = decision
    review.score = score
    review.status = Review.Status.DRAFT
    review.rubric_fingerprint = rubric.fingerprint()
    review.save()
    review.scores.all().delete()
    CriterionScore.objects.bulk_create(
        CriterionScore(
            review=review,
            criterion=c,
            criterion_name=c.name,
            weight=c.weight,
            max_points=c.max_points,
            points=points[c.pk],
            comment=(notes or {}).get(c.pk, "").strip(),
        )
        for c in criteria
    )
    if design.state == RouteDesign.State.SUBMITTED:
        design.state = RouteDesign.State.IN_REVIEW
        design.save(update_fields=["state", "updated_at"])
        _record(design, version, RouteDesign.State.SUBMITTED, design.state, mentor)
    if publish:
        lead = design.team.cohort.lead_mentor
        if lead is not None and lead.pk != mentor.pk:
            review.status = Review.Status.AWAITING_APPROVAL
            review.save(update_fields=["status", "updated_at"])
        else:
            _publish(review, design, mentor)
    return review


@transaction.atomic
def approve_review(*, review: Review, lead) -> Review:
    """The cohort's lead mentor releases a review to the team."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    design = (
        RouteDesign.objects.select_for_update()
        .select_related("team__cohort")
        .get(pk=review.version.design_id)
    )
    if design.team.cohort.lead_mentor_id != lead.pk:
        raise PermissionDenied("only the cohort's lead mentor approves reviews")
    if review.status != Review.Status.AWAITING_APPROVAL:
        raise ValidationError(_("Эта рецензия не ждёт проверки."))
    review.approved_by = lead
    _publish(review, design, lead)
    return review


def _publish(review: Review, design: RouteDesign, actor) -> None:
    review.status = Review.Status.PUBLISHED
    review.published_at = timezone.now()
    review.save(update_fields=["status", "published_at", "approved_by", "updated_at"])
    previous = design.state
    design.state = (
        RouteDesign.State.ACCEPTED
        if review.decision == Review.Decision.ACCEPT
        else RouteDesign.State.RETURNED
    )
    design.save(update_fields=["state", "updated_at"])
    _record(design, review.version, previous, design.state, actor)
    members = [m.user for m in design.team.memberships.select_related("user")]
    notify(
        members,
        template="review_published",
        kind=f"route_{review.decision}",
        context={"review": review},
        url=f"/routes/{review.version.design_id}/",
    )


@transaction.atomic
def extend_deadline(*, design: RouteDesign, until, by) -> RouteDesign:
    """An admin gives one team more time; later submissions are then not late."""
    from lms.roles import CERTIFICATE_ADMIN, has_role

    if not has_role(by, CERTIFICATE_ADMIN):
        raise PermissionDenied("only admins extend deadlines")
    if until <= design.assignment.deadline:
        raise ValidationError(_("Новый срок должен быть позже общего."))
    design.deadline_extended_to = until
    design.save(update_fields=["deadline_extended_to", "updated_at"])
    return design


ATTACHMENT_TYPES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


def sniff_content_type(head: bytes) -> str | None:
    """The file's real type from its first bytes, whatever its name says."""
    return next((kind for magic, kind in ATTACHMENT_TYPES.items() if head.startswith(magic)), None)


@transaction.atomic
def add_attachment(*, design: RouteDesign, user, upload) -> RouteAttachment:
    """Attach a PDF or an image to the team's draft."""
    if _membership(user, design) is None:
        raise PermissionDenied("only the team attaches files")
    draft = draft_of(design)
    if draft is None or design.state == RouteDesign.State.ACCEPTED:
        raise ValidationError(_("К принятому маршруту файлы не добавляются."))
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(_("Файл больше 10 МБ."))
    head = upload.read(16)
    upload.seek(0)
    kind = sniff_content_type(head)
    if kind is None:
        raise ValidationError(_("Можно прикладывать только PDF, PNG и JPEG."))
    name = os.path.basename(upload.name)[:200] or "file"
    attachment = RouteAttachment(
        version=draft,
        original_name=name,
        content_type=kind,
        size=upload.size,
        uploaded_by=user,
        uploaded_at=timezone.now(),
    )
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}[kind]
    attachment.file.save(f"{uuid.uuid4().hex}.{extension}", upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def adjust_member_grade(*, review: Review, member, score, reason: str, by) -> GradeAdjustment:
    """Give one member a score apart from the team's, with a reason (the mentor only)."""
    if review.mentor_id != by.pk:
        raise PermissionDenied("only the review's mentor adjusts grades")
    if not review.version.design.team.memberships.filter(user=member).exists():
        raise ValidationError(_("Этот человек не состоит в команде."))
    if not reason.strip():
        raise ValidationError(_("Укажите причину."))
    adjustment, _created = GradeAdjustment.objects.update_or_create(
        review=review,
        member=member,
        defaults={"score": score, "reason": reason.strip(), "by": by, "at": timezone.now()},
    )
    return adjustment


def member_score(review: Review, member):
    """The member's score: the team's, unless the mentor adjusted it."""
    adjustment = review.adjustments.filter(member=member).first()
    return adjustment.score if adjustment else review.score


@transaction.atomic
def save_peer_assessment(*, design: RouteDesign, author, about, contribution: int, comment: str):
    """A member's note on a teammate's contribution (or their own), seen by the mentor."""
    team = design.team.memberships
    if not team.filter(user=author).exists() or not team.filter(user=about).exists():
        raise PermissionDenied("both must be in the team")
    if not 0 <= contribution <= 100:
        raise ValidationError(_("Вклад — от 0 до 100 %."))
    note, _created = PeerAssessment.objects.update_or_create(
        design=design,
        author=author,
        about=about,
        defaults={"contribution": contribution, "comment": comment.strip()[:2000]},
    )
    return note


@transaction.atomic
def auto_balance_mentors(*, cohort, by) -> dict:
    """Give every team without a mentor the cohort mentor with the fewest teams."""
    from lms.models import Team
    from lms.roles import CERTIFICATE_ADMIN, has_role

    if not has_role(by, CERTIFICATE_ADMIN):
        raise PermissionDenied("only admins allocate mentors")
    mentors = list(cohort.mentors.order_by("pk"))
    if not mentors:
        raise ValidationError(_("У потока нет наставников."))
    load = {m.pk: 0 for m in mentors}
    for team in Team.objects.filter(cohort=cohort, mentor__isnull=False):
        if team.mentor_id in load:
            load[team.mentor_id] += 1
    assigned = {}
    for team in Team.objects.filter(cohort=cohort, mentor__isnull=True).order_by("name"):
        mentor_id = min(load, key=lambda pk: (load[pk], pk))
        team.mentor_id = mentor_id
        team.save(update_fields=["mentor"])
        load[mentor_id] += 1
        assigned[team.name] = mentor_id
    return assigned


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
