"""The mentor's side: the review queue, reviewing against the rubric, the lead mentor's
approval and the diff between versions."""

import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.roles import CERTIFICATE_ADMIN, MENTOR, has_role

from .. import selectors, services
from ..forms import (
    GradeAdjustmentForm,
    ReviewForm,
    VersionCompareForm,
    answered_checklist,
)
from ..models import Criterion, Review, RouteDesign
from ..models.route import rubric_fingerprint
from ..scoring import suggest_level
from .feedback import review_feedback
from .studio import _map_points, team_draft

QUEUE_PAGE_SIZE = 25


@login_required
def review_queue(request):
    if not has_role(request.user, MENTOR):
        raise PermissionDenied
    page = selectors.review_queue_page(request.user, request.GET.get("page"), size=QUEUE_PAGE_SIZE)
    return render(
        request,
        "assessments/review_queue.html",
        {
            "page": page,
            "routes": page,
            "regrade": selectors.regrade_queue(request.user),
        },
    )


def _reviewing(request, design_id):
    """The route, its latest submitted version, the rubric's criteria, the viewer's own review
    of it and whether they may edit that review now."""
    design = get_object_or_404(selectors.visible_routes(request.user), id=design_id)
    version = selectors.latest_submitted(design)
    if version is None:
        raise Http404
    # By the rubric's id: the rubric's own row is not needed (its fingerprint is the criteria's).
    criteria = list(
        Criterion.objects.filter(rubric_id=design.assignment.rubric_id).order_by("sort_order", "pk")
    )
    # The version's reviews (one or two) at once: the viewer's own, one awaiting approval and
    # whether any was ever published are picked from them (newest first, as Review orders).
    version.review_rows = list(version.reviews.all())
    own = next((r for r in version.review_rows if r.mentor_id == request.user.pk), None)
    may_review = (
        services.can_review(request.user, design)
        and design.state in (RouteDesign.State.SUBMITTED, RouteDesign.State.IN_REVIEW)
        and (own is None or own.status == Review.Status.DRAFT)
    )
    return design, version, criteria, own, may_review


def _save_review(form: ReviewForm, version, mentor, *, publish: bool) -> Review:
    return services.review_route(
        version=version,
        mentor=mentor,
        points=form.points(),
        comment=form.cleaned_data["comment"],
        decision=form.cleaned_data["decision"],
        publish=publish,
        notes=form.notes(),
    )


@login_required
@require_POST
def review_autosave(request, design_id: int):
    """Save the mentor's review draft quietly as they type (JSON for the page's script):
    whatever is filled in, with or without a decision; never publishes."""
    design, version, criteria, _own, may_review = _reviewing(request, design_id)
    if not may_review:
        return JsonResponse(
            {"saved": False, "message": _("Эту рецензию сейчас нельзя изменить.")}, status=409
        )
    form = ReviewForm(request.POST, criteria=criteria)
    if not form.is_valid():
        return JsonResponse({"saved": False, "errors": form.errors.get_json_data()}, status=400)
    try:
        saved = _save_review(form, version, request.user, publish=False)
    except ValidationError as exc:
        return JsonResponse({"saved": False, "message": " ".join(exc.messages)}, status=409)
    at = timezone.localtime(saved.updated_at, zoneinfo.ZoneInfo(design.assignment.time_zone))
    return JsonResponse(
        {
            "saved": True,
            "message": _("Черновик рецензии сохранён автоматически в %(time)s (%(zone)s).")
            % {"time": at.strftime("%H:%M:%S"), "zone": design.assignment.time_zone},
        }
    )


@login_required
def review(request, design_id: int):
    design, version, criteria, own, may_review = _reviewing(request, design_id)
    suggestions = {
        c.pk: suggest_level(c.max_points, c.measured_by, version.findings) for c in criteria
    }
    form = None
    refused = False  # a valid form the service turned down: the page again, as a 400
    if may_review:
        initial = {"comment": own.comment, "decision": own.decision} if own else {}
        if own:
            for score in own.scores.all():
                initial[f"criterion_{score.criterion_id}"] = score.points
                initial[f"note_{score.criterion_id}"] = score.comment
        else:
            initial.update(
                {f"criterion_{pk}": level for pk, level in suggestions.items() if level is not None}
            )
        other_form = "adjust" in request.POST or "reopen" in request.POST
        posted = request.POST if request.method == "POST" and not other_form else None
        form = ReviewForm(
            posted,
            criteria=criteria,
            initial=initial,
            publishing=posted is not None and "publish" in posted,
        )
        if request.method == "POST" and form.is_valid():
            publish = "publish" in request.POST
            try:
                saved = _save_review(form, version, request.user, publish=publish)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                refused = True
            else:
                if saved.status == Review.Status.PUBLISHED:
                    messages.success(request, _("Рецензия сохранена, команда её увидит."))
                    return redirect("assessments:review_queue")
                if saved.status == Review.Status.AWAITING_APPROVAL:
                    messages.success(
                        request, _("Рецензия передана ведущему наставнику на проверку.")
                    )
                    return redirect("assessments:review_queue")
                messages.success(request, _("Черновик рецензии сохранён; команда его не видит."))
                return redirect("assessments:review", design_id=design.id)
    members = [m.user for m in design.team.memberships.select_related("user")]
    # The mentor sets members' scores on their own review, draft or published; the learners
    # see them once it is published.
    adjust_form = None
    if own is not None:
        adjust_form = GradeAdjustmentForm(
            request.POST if "adjust" in request.POST else None,
            members=members,
            initial={"member": request.GET.get("member"), "score": request.GET.get("score")},
        )
        if "adjust" in request.POST and adjust_form.is_valid():
            try:
                services.adjust_member_grade(
                    review=own,
                    member=adjust_form.members[adjust_form.cleaned_data["member"]],
                    score=adjust_form.cleaned_data["score"],
                    reason=adjust_form.cleaned_data["reason"],
                    by=request.user,
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                refused = True
            else:
                messages.success(request, _("Балл участника сохранён."))
                return redirect("assessments:review", design_id=design.id)
    is_lead = design.team.cohort.lead_mentor_id == request.user.id
    # Only the lead mentor approves, so only they are shown a review awaiting approval.
    awaiting = next(
        (r for r in version.review_rows if is_lead and r.status == Review.Status.AWAITING_APPROVAL),
        None,
    )
    viewer_sees_all = (
        services.can_review(request.user, design)
        or is_lead
        or has_role(request.user, CERTIFICATE_ADMIN)
    )
    latest = selectors.latest_review(design, viewer=request.user if viewer_sees_all else None)
    needs_regrade = bool(
        latest
        and latest.rubric_fingerprint
        and latest.rubric_fingerprint != rubric_fingerprint(criteria)
    )
    may_reopen = bool(
        latest
        and latest.status == Review.Status.PUBLISHED
        and latest.version_id == version.pk
        and request.user.pk in (latest.mentor_id, design.team.cohort.lead_mentor_id)
    )
    reopen_error = ""
    if may_reopen and "reopen" in request.POST:
        try:
            services.reopen_review(
                review=latest, by=request.user, reason=request.POST.get("reason", "")
            )
        except ValidationError as exc:
            reopen_error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("Рецензия открыта для пересмотра; команда предупреждена. Опубликуйте её снова."),
            )
            return redirect("assessments:review", design_id=design.id)
    stops = list(version.stops.select_related("enterprise__region"))
    graded = own or latest
    return render(
        request,
        "assessments/review.html",
        {
            **_peer_context(request.user, design, criteria, graded, viewer_sees_all),
            "design": design,
            "version": version,
            "stops": stops,
            "map_points": _map_points(stops),
            "safety_checklist": answered_checklist(stops, version.safety_answers),
            **review_feedback(request.user, design, version, stops, sees_all=viewer_sees_all),
            "form": form,
            "suggestions": suggestions,
            "review": latest,
            "revisions": latest.revisions.select_related("reopened_by")
            if latest and latest.has_revisions
            else [],
            "awaiting": awaiting,
            "needs_regrade": needs_regrade,
            "may_reopen": may_reopen,
            "reopen_error": reopen_error,
            "reopen_reason": request.POST.get("reason", "") if reopen_error else "",
            "contributions": selectors.contributions(
                version,
                members,
                (own or latest).score if (own or latest) else None,
                published=any(r.published_at for r in version.review_rows),
            )
            if viewer_sees_all
            else None,
            "attachments": version.attachments.all(),
            "bookings": selectors.route_bookings(design),
            "has_previous": version.number > 1,
            "adjust_form": adjust_form,
            "adjustments": _current_first(
                own.adjustments.select_related("member", "by") if own else []
            ),
        },
        status=400
        if (form is not None and form.errors)
        or (adjust_form and adjust_form.errors)
        or reopen_error
        or refused
        else 200,
    )


@login_required
@require_POST
def approve(request, design_id: int):
    design = get_object_or_404(selectors.visible_routes(request.user), id=design_id)
    pending = get_object_or_404(
        Review, version__design=design, status=Review.Status.AWAITING_APPROVAL
    )
    try:
        services.approve_review(review=pending, lead=request.user)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Рецензия одобрена и отправлена команде."))
    return redirect("assessments:review_queue")


@login_required
def version_diff(request, design_id: int, number: int):
    """What changed in version `number` since an earlier submitted one (the one before it,
    or `?against=`). The team compares its own versions and its draft; mentors and admins
    the submitted versions; anyone else gets a 404."""
    design, membership, _memberships = team_draft(request, design_id)
    versions = selectors.comparable_versions(design, with_draft=membership is not None)
    new = next((v for v in versions if v.number == number), None)
    earlier = [v for v in versions if v.number < number and v.submitted_at is not None]
    if new is None or not earlier:
        raise Http404
    form = VersionCompareForm(
        request.GET if "against" in request.GET else None,
        earlier=earlier,
        initial={"against": earlier[-1].number},
    )
    old, changes = None, None
    if not form.is_bound or form.is_valid():
        old = form.version() if form.is_bound else earlier[-1]
        changes = selectors.version_diff(old, new)
    return render(
        request,
        "assessments/diff.html",
        {
            "design": design,
            "old": old,
            "new": new,
            "changes": changes,
            "form": form,
            "is_member": membership is not None,
        },
        status=400 if form.errors else 200,
    )


def _peer_context(user, design, criteria, graded, sees_all: bool) -> dict:
    """The other teams' reviews of the route beside the mentor's own points (see
    selectors.peer_comparison), for those who see everything on the page."""
    if not (design.assignment.peer_review and sees_all):
        return {}
    reference = {s.criterion_id: s.points for s in graded.scores.all()} if graded else None
    return {
        "peer": selectors.peer_comparison(design, criteria, reference),
        "mentor_score": graded.score if graded else None,
        "may_run_peer_stage": services.may_run_peer_stage(user, design.team.cohort),
    }


def _current_first(adjustments) -> list[tuple[object, bool]]:
    """Each member's scores set apart, the one in force first, then the earlier ones it
    replaced (kept as history), as (adjustment, in force)."""
    rows = list(adjustments)
    latest = {row.member_id: row.pk for row in rows}  # rows come oldest first
    return sorted(
        ((row, latest[row.member_id] == row.pk) for row in rows),
        key=lambda pair: (pair[0].member.full_name, not pair[1], -pair[0].pk),
    )
