"""The peer stage of a route assignment, per cohort: moving its phase, allocating the
routes to reviewing teams (and reallocating when a team drops out), the members' drafts and
the captain's review. One transaction each; every change is a new row."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import Cohort, Membership, Team
from lms.roles import CERTIFICATE_ADMIN, has_role

from .. import allocation, phases
from ..models import (
    PeerAllocation,
    PeerDropOut,
    PeerPhase,
    PeerPhaseChange,
    PeerReview,
    PeerReviewDraft,
    RouteAssignmentPage,
    RouteDesignVersion,
)
from ..models.route import Criterion, rubric_fingerprint
from ..scoring import CriterionMark, weighted_score
from ..selectors import peer_phase


def may_run_peer_stage(user, cohort) -> bool:
    """The admin or the cohort's lead mentor moves the phase and reallocates."""
    return has_role(user, CERTIFICATE_ADMIN) or (
        cohort.lead_mentor_id is not None and cohort.lead_mentor_id == user.pk
    )


def _locked_cohort(cohort) -> Cohort:
    # One allocation at a time per cohort: the cohort row is the lock.
    return Cohort.objects.select_for_update().get(pk=cohort.pk)


@transaction.atomic
def move_peer_phase(*, assignment: RouteAssignmentPage, cohort, phase: str, by, reason=""):
    """Move the cohort's peer stage to `phase` by hand (a history row); entering the peer
    review allocates the routes if they are not yet. Raises PermissionDenied, ValidationError."""
    if not may_run_peer_stage(by, cohort):
        raise PermissionDenied("only the admin or the lead mentor moves the peer stage")
    if not assignment.peer_review:
        raise ValidationError(_("У этого задания нет взаимного рецензирования."))
    if phase not in PeerPhase.values:
        raise ValidationError(_("Нет такого этапа."))
    cohort = _locked_cohort(cohort)
    if phase == peer_phase(assignment, cohort):
        raise ValidationError(_("Этот этап уже идёт."))
    change = PeerPhaseChange.objects.create(
        assignment=assignment,
        cohort=cohort,
        phase=phase,
        by=by,
        at=timezone.now(),
        reason=reason.strip()[:2000],
    )
    if phase == phases.PEER_REVIEW:
        _allocate(assignment, cohort, by=by, reason="")
    return change


@transaction.atomic
def open_peer_review(*, assignment: RouteAssignmentPage, cohort) -> list[PeerAllocation]:
    """Allocate the routes once the cohort's peer review is open (by date or by hand) and
    nothing is allocated yet; otherwise nothing. Safe to call again (the pages and the
    hourly task do)."""
    if not assignment.peer_review:
        return []
    cohort = _locked_cohort(cohort)
    if peer_phase(assignment, cohort) != phases.PEER_REVIEW:
        return []
    if PeerAllocation.objects.filter(assignment=assignment, cohort=cohort).exists():
        return []
    return _allocate(assignment, cohort, by=None, reason="")


@transaction.atomic
def drop_out_of_peer_review(*, assignment, cohort, team: Team, by, reason: str):
    """A team leaves the peer stage (the admin or the lead mentor says so, with a reason):
    its reviews still to write go to other teams, and its route to no one new. The old
    allocation stays as history."""
    if not may_run_peer_stage(by, cohort):
        raise PermissionDenied("only the admin or the lead mentor reallocates")
    if team.cohort_id != cohort.pk:
        raise ValidationError(_("Эта команда не из этого потока."))
    if not reason.strip():
        raise ValidationError(_("Укажите, почему команда выбывает из рецензирования."))
    cohort = _locked_cohort(cohort)
    if PeerDropOut.objects.filter(assignment=assignment, cohort=cohort, team=team).exists():
        raise ValidationError(_("Команда уже выбыла из рецензирования."))
    PeerDropOut.objects.create(
        assignment=assignment,
        cohort=cohort,
        team=team,
        by=by,
        at=timezone.now(),
        reason=reason.strip()[:2000],
    )
    return _allocate(
        assignment,
        cohort,
        by=by,
        reason=_("Команда «%(team)s» выбыла: %(reason)s") % {"team": team.name, "reason": reason},
    )


@transaction.atomic
def reallocate_peer_reviews(*, assignment, cohort, by, reason: str) -> list[PeerAllocation]:
    """Allocate again from the teams there are now (a team emptied, a late route in): the
    reviews already sent and the pairs still possible stay, the rest is superseded."""
    if not may_run_peer_stage(by, cohort):
        raise PermissionDenied("only the admin or the lead mentor reallocates")
    if not reason.strip():
        raise ValidationError(_("Укажите, почему рецензии распределяются заново."))
    return _allocate(assignment, _locked_cohort(cohort), by=by, reason=reason.strip())


def _allocate(assignment, cohort, *, by, reason: str) -> list[PeerAllocation]:
    """The allocation in force brought in line with the teams taking part now; returns the
    rows it added. Kept: pairs of teams still taking part whose route version is unchanged
    (always those already reviewed). Superseded: the rest, with who, when and why."""
    dropped = set(
        PeerDropOut.objects.filter(assignment=assignment, cohort=cohort).values_list(
            "team_id", flat=True
        )
    )
    teams = {
        t.pk: t
        for t in Team.objects.filter(
            cohort=cohort, pk__in=Membership.objects.filter(cohort=cohort).values("team_id")
        ).exclude(pk__in=dropped)
    }
    latest = {}
    for version in (
        RouteDesignVersion.objects.filter(
            design__assignment=assignment,
            design__team_id__in=list(teams),
            submitted_at__isnull=False,
        )
        .select_related("design")
        .order_by("number")
    ):
        latest[version.design.team_id] = version
    latest = {team: v for team, v in latest.items() if v.withdrawn_at is None}
    now = timezone.now()
    in_force = list(
        PeerAllocation.objects.filter(
            assignment=assignment, cohort=cohort, superseded_at__isnull=True
        ).select_related("design")
    )
    reviewed = set(
        PeerReview.objects.filter(allocation__in=in_force).values_list("allocation_id", flat=True)
    )
    keep, superseded = [], []
    for row in in_force:
        author = row.design.team_id
        still = (
            row.reviewer_id in teams and author in latest and latest[author].pk == row.version_id
        )
        (keep if still or row.pk in reviewed else superseded).append(row)
    for row in superseded:
        row.superseded_at, row.superseded_by = now, by
        row.superseded_reason = reason or _("Распределено заново.")
        row.save(update_fields=["superseded_at", "superseded_by", "superseded_reason"])
    pairs = allocation.allocate(
        [allocation.Party(team, teams[team].region_id) for team in latest],
        [allocation.Party(team.pk, team.region_id) for team in teams.values()],
        assignment.peer_reviews_per_route,
        keep={(row.reviewer_id, row.design.team_id) for row in keep},
    )
    kept = {(row.reviewer_id, row.design.team_id) for row in keep}
    number = max((row.round for row in in_force), default=0) + 1
    rows = [
        PeerAllocation(
            assignment=assignment,
            cohort=cohort,
            reviewer_id=reviewer,
            design_id=latest[author].design_id,
            version=latest[author],
            round=number,
            created_at=now,
        )
        for reviewer, author in sorted(pairs - kept)
    ]
    return PeerAllocation.objects.bulk_create(rows)


def _reviewing(allocation: PeerAllocation, user) -> Membership:
    """The user's membership in the reviewing team, while the review may be written."""
    membership = Membership.objects.filter(team_id=allocation.reviewer_id, user=user).first()
    if membership is None or allocation.superseded_at is not None:
        raise PermissionDenied("not this review's team")
    if peer_phase(allocation.assignment, allocation.cohort) != phases.PEER_REVIEW:
        raise ValidationError(_("Взаимное рецензирование сейчас закрыто."))
    if PeerReview.objects.filter(allocation=allocation).exists():
        raise ValidationError(_("Команда уже отправила эту рецензию; её нельзя изменить."))
    return membership


@transaction.atomic
def save_peer_review_draft(
    *, allocation: PeerAllocation, author, points: dict, notes: dict, comment: str
) -> PeerReviewDraft:
    """Any member of the reviewing team saves the team's draft: a new row each time (the
    latest is the one the team goes on from). Raises PermissionDenied, ValidationError."""
    allocation = PeerAllocation.objects.select_for_update().get(pk=allocation.pk)
    _reviewing(allocation, author)
    criteria = _criteria(allocation)
    _check_points(criteria, points)
    return PeerReviewDraft.objects.create(
        allocation=allocation,
        author=author,
        at=timezone.now(),
        points={str(pk): value for pk, value in points.items()},
        notes={str(pk): text.strip()[:2000] for pk, text in notes.items() if text.strip()},
        comment=comment.strip()[:5000],
    )


@transaction.atomic
def submit_peer_review(
    *, allocation: PeerAllocation, captain, points: dict, notes: dict, comment: str
) -> PeerReview:
    """The reviewing team's captain sends its review: every criterion scored and a comment.
    Final once sent; the draft it came from stays in the history."""
    allocation = PeerAllocation.objects.select_for_update().get(pk=allocation.pk)
    membership = _reviewing(allocation, captain)
    if membership.role != Membership.Role.CAPTAIN:
        raise PermissionDenied("only the captain sends the team's review")
    criteria = _criteria(allocation)
    _check_points(criteria, points)
    missing = [c.name for c in criteria if c.pk not in points]
    if missing:
        raise ValidationError(_("Оцените все критерии: %(names)s") % {"names": ", ".join(missing)})
    if not comment.strip():
        raise ValidationError(_("Напишите авторам общий комментарий."))
    save_peer_review_draft(
        allocation=allocation, author=captain, points=points, notes=notes, comment=comment
    )
    return PeerReview.objects.create(
        allocation=allocation,
        submitted_by=captain,
        submitted_at=timezone.now(),
        comment=comment.strip()[:5000],
        score=weighted_score(CriterionMark(c.weight, points[c.pk], c.max_points) for c in criteria),
        rubric_fingerprint=rubric_fingerprint(criteria),
        scores=[
            {
                "criterion_id": c.pk,
                "criterion": c.name,
                "weight": c.weight,
                "max_points": c.max_points,
                "points": points[c.pk],
                "comment": notes.get(c.pk, "").strip()[:2000],
            }
            for c in criteria
        ],
    )


def _criteria(allocation) -> list[Criterion]:
    return list(
        Criterion.objects.filter(rubric_id=allocation.assignment.rubric_id).order_by(
            "sort_order", "pk"
        )
    )


def _check_points(criteria, points: dict) -> None:
    scale = {c.pk: c.max_points for c in criteria}
    for pk, value in points.items():
        if pk not in scale or not 0 <= value <= scale[pk]:
            raise ValidationError(_("Балл вне допустимого диапазона."))


def open_due_peer_reviews() -> int:
    """Allocate every cohort whose peer review has opened by date (the hourly task)."""
    opened = 0
    for assignment in RouteAssignmentPage.objects.filter(peer_review=True).defer_streamfields():
        program_id = assignment.get_parent().pk
        for cohort in Cohort.objects.filter(program_id=program_id):
            opened += bool(open_peer_review(assignment=assignment, cohort=cohort))
    return opened
