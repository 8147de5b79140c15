"""Mentors' reviews of submitted routes: scores by the rubric, the decision, the lead
mentor's approval, publication, member grades, peer assessment and mentor allocation."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import record
from core.notifications import notify
from lms.models import Team
from lms.roles import CERTIFICATE_ADMIN, has_role

from ..models import (
    CriterionScore,
    GradeAdjustment,
    PeerAssessment,
    Review,
    ReviewRevision,
    RouteDesign,
    RouteDesignVersion,
)
from ..scoring import CriterionMark, weighted_score
from ..selectors import can_review, contribution_version
from . import feedback
from .bookings import release_bookings
from .routes import record_transition


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

    A draft keeps what the mentor has so far (with or without a decision, a comment or every
    criterion: no score until all are scored); it stays private and editable. Publishing
    needs them all, applies the
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
    if decision not in Review.Decision.values and (publish or decision):
        raise ValidationError(_("Выберите решение: вернуть или принять."))
    if publish and not comment.strip():
        raise ValidationError(_("Напишите команде комментарий."))
    rubric = design.assignment.rubric
    criteria = list(rubric.criteria.all())
    missing = [c.name for c in criteria if c.pk not in points]
    if missing and publish:
        raise ValidationError(_("Оцените все критерии: %(names)s") % {"names": ", ".join(missing)})
    score = None
    try:
        marks = [
            CriterionMark(c.weight, points[c.pk], c.max_points) for c in criteria if c.pk in points
        ]
        if not missing:
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
        if c.pk in points
    )
    if design.state == RouteDesign.State.SUBMITTED:
        design.state = RouteDesign.State.IN_REVIEW
        design.save(update_fields=["state", "updated_at"])
        record_transition(design, version, RouteDesign.State.SUBMITTED, design.state, mentor)
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


@transaction.atomic
def reopen_review(*, review: Review, by, reason: str) -> Review:
    """Take a published review back for a regrade (its mentor or the cohort's lead mentor),
    with a reason. The review as it was is kept as a revision; the route is in review again,
    so eligibility waits for the new publication; the team is told. Raises PermissionDenied
    and ValidationError."""
    review = Review.objects.select_for_update().select_related("version").get(pk=review.pk)
    design = (
        RouteDesign.objects.select_for_update()
        .select_related("team__cohort")
        .get(pk=review.version.design_id)
    )
    if by.pk not in (review.mentor_id, design.team.cohort.lead_mentor_id):
        raise PermissionDenied("only the review's mentor or the lead mentor reopens it")
    if review.status != Review.Status.PUBLISHED:
        raise ValidationError(_("Открыть заново можно только опубликованную рецензию."))
    if not reason.strip():
        raise ValidationError(_("Укажите, почему рецензия пересматривается."))
    latest = design.versions.filter(submitted_at__isnull=False).order_by("-number").first()
    if latest.pk != review.version_id:
        raise ValidationError(_("Команда уже отправила новую версию: оцените её, а не прежнюю."))
    now = timezone.now()
    revision = ReviewRevision.objects.create(
        review=review,
        number=review.revisions.count() + 1,
        comment=review.comment,
        decision=review.decision,
        score=review.score,
        rubric_fingerprint=review.rubric_fingerprint,
        scores=[
            {
                "criterion": s.criterion_name,
                "weight": s.weight,
                "max_points": s.max_points,
                "points": s.points,
                "comment": s.comment,
            }
            for s in review.scores.all()
        ],
        published_at=review.published_at,
        reopened_by=by,
        reopened_at=now,
        reason=reason.strip(),
    )
    review.status = Review.Status.DRAFT
    review.save(update_fields=["status", "updated_at"])
    _audit(
        review,
        "promtourism.review.reopen",
        by,
        reason=reason.strip(),
        revision=revision.number,
        score={"from": _num(review.score), "to": None},
        decision={"from": review.decision, "to": None},
    )
    previous = design.state
    design.state = RouteDesign.State.IN_REVIEW
    design.save(update_fields=["state", "updated_at"])
    record_transition(design, review.version, previous, design.state, by)
    notify(
        [m.user for m in design.team.memberships.select_related("user")],
        template="review_reopened",
        context={"review": review, "revision": revision},
        url=f"/routes/{design.pk}/",
    )
    return review


def _num(value):
    return None if value is None else str(value)


def _audit(review: Review, action: str, user, **data) -> None:
    """The review's entry in the site history, with the team and version it grades."""
    version = review.version
    data = {
        "review_id": review.pk,
        "design_id": version.design_id,
        "version": version.number,
        "mentor_id": review.mentor_id,
        **data,
    }
    record(review, action, user=user, data=data, title=f"#{review.pk}")


def _publish(review: Review, design: RouteDesign, actor) -> None:
    review.status = Review.Status.PUBLISHED
    review.published_at = timezone.now()
    review.save(update_fields=["status", "published_at", "approved_by", "updated_at"])
    previous_revision = review.revisions.last()
    _audit(
        review,
        "promtourism.review.regrade" if previous_revision else "promtourism.review.publish",
        actor,
        decision={
            "from": previous_revision.decision if previous_revision else None,
            "to": review.decision,
        },
        score={
            "from": _num(previous_revision.score) if previous_revision else None,
            "to": _num(review.score),
        },
        scores={s.criterion_name: s.points for s in review.scores.all()},
    )
    previous = design.state
    design.state = (
        RouteDesign.State.ACCEPTED
        if review.decision == Review.Decision.ACCEPT
        else RouteDesign.State.RETURNED
    )
    design.save(update_fields=["state", "updated_at"])
    record_transition(design, review.version, previous, design.state, actor)
    if design.state == RouteDesign.State.RETURNED:
        # An accepted route keeps its confirmed visits; a returned one frees the sites.
        release_bookings(design=design, by=actor, note=_("Маршрут возвращён на доработку."))
    members = [m.user for m in design.team.memberships.select_related("user")]
    notify(
        members,
        template="review_published",
        kind=f"route_{review.decision}",
        context={"review": review, "revision": review.revisions.last()},
        url=f"/routes/{review.version.design_id}/",
    )
    feedback.announce_threads(review)


@transaction.atomic
def adjust_member_grade(*, review: Review, member, score, reason: str, by) -> GradeAdjustment:
    """Give one member a score apart from the team's, with a reason (the mentor only). A new
    row each time: the earlier scores stay as the history."""
    if review.mentor_id != by.pk:
        raise PermissionDenied("only the review's mentor adjusts grades")
    if not review.version.design.team.memberships.filter(user=member).exists():
        raise ValidationError(_("Этот человек не состоит в команде."))
    if not reason.strip():
        raise ValidationError(_("Укажите причину."))
    before = member_score(Review.objects.get(pk=review.pk), member)  # the score as saved
    adjustment = GradeAdjustment.objects.create(
        review=review, member=member, score=score, reason=reason.strip(), by=by, at=timezone.now()
    )
    _audit(
        review,
        "promtourism.review.member_score",
        by,
        member_id=member.pk,
        reason=adjustment.reason,
        score={"from": _num(before), "to": _num(score)},
    )
    return adjustment


def member_score(review: Review, member):
    """The member's score: the team's, unless the mentor adjusted it."""
    adjustment = review.adjustments.filter(member=member).last()
    return adjustment.score if adjustment else review.score


@transaction.atomic
def save_peer_assessment(*, design: RouteDesign, author, about, contribution: int, comment: str):
    """A member's note on a teammate's contribution (or their own) to the version under
    review, seen by the mentor. Open from the version's submission until its review is
    published; every change is a new row (the latest counts, the rest is the history)."""
    team = design.team.memberships
    if not team.filter(user=author).exists() or not team.filter(user=about).exists():
        raise PermissionDenied("both must be in the team")
    if not 0 <= contribution <= 100:
        raise ValidationError(_("Вклад — от 0 до 100 %."))
    version = contribution_version(design)
    if version is None:
        raise ValidationError(
            _(
                "Оценка вклада открыта с отправки версии наставнику до публикации рецензии; "
                "сейчас она закрыта."
            )
        )
    return PeerAssessment.objects.create(
        design=design,
        version=version,
        author=author,
        about=about,
        contribution=contribution,
        comment=comment.strip()[:2000],
        at=timezone.now(),
    )


@transaction.atomic
def auto_balance_mentors(*, cohort, by) -> dict:
    """Give every team without a mentor the cohort mentor with the fewest teams."""
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
