"""The peer stage: a team's list of routes to review, the reviewer's page (the route without
its authors when the assignment is anonymous; the members' drafts, the captain's review) and
the admin's or lead mentor's page of a cohort's stage (phase, allocation, drop-outs)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lms.models import Cohort, Membership

from .. import selectors, services
from ..forms import PeerDropOutForm, PeerPhaseForm, PeerReallocateForm, PeerReviewForm
from ..models import Criterion, PeerAllocation, PeerPhase
from .studio import _map_points


def _reviewing_team(request, assignment):
    membership = selectors.membership_for(request.user, assignment)
    if membership is None or not assignment.peer_review:
        raise Http404
    return membership


@login_required
def peer_reviews(request, assignment_id: int):
    """The routes the learner's team is to review for the assignment."""
    assignment = selectors.assignment_page(assignment_id)
    membership = _reviewing_team(request, assignment)
    cohort = membership.team.cohort
    services.open_peer_review(assignment=assignment, cohort=cohort)  # if due by date
    return render(
        request,
        "assessments/peer_reviews.html",
        {
            "assignment": assignment,
            "team": membership.team,
            "phase": PeerPhase(selectors.peer_phase(assignment, cohort)),
            "allocations": selectors.team_peer_reviews(membership.team, assignment),
        },
    )


@login_required
def peer_review(request, allocation_id: int):
    """One route to review: members save drafts, the captain sends the team's review."""
    allocation = get_object_or_404(
        PeerAllocation.objects.select_related("version", "design__team__region", "cohort"),
        pk=allocation_id,
    )
    membership = Membership.objects.filter(
        team_id=allocation.reviewer_id, user=request.user
    ).first()
    if membership is None:
        raise Http404
    assignment = selectors.assignment_page(allocation.assignment_id)
    allocation.assignment = assignment
    given = selectors.team_peer_reviews(allocation.reviewer_id, assignment)
    row = next((r for r in given if r.pk == allocation.pk), None)
    if row is None:
        raise Http404
    phase = selectors.peer_phase(assignment, allocation.cohort)
    criteria = list(
        Criterion.objects.filter(rubric_id=assignment.rubric_id).order_by("sort_order", "pk")
    )
    may_write = row.sent is None and allocation.superseded_at is None and phase == "peer_review"
    is_captain = membership.role == Membership.Role.CAPTAIN
    form, status = None, 200
    if may_write:
        draft = row.latest_draft
        initial = {"comment": draft.comment} if draft else {}
        for key, value in (draft.points if draft else {}).items():
            initial[f"criterion_{key}"] = value
        for key, value in (draft.notes if draft else {}).items():
            initial[f"note_{key}"] = value
        posted = request.POST if request.method == "POST" else None
        submit = posted is not None and "submit" in posted
        form = PeerReviewForm(posted, criteria=criteria, initial=initial, publishing=submit)
        if posted is not None and form.is_valid():
            fields = {
                "allocation": allocation,
                "points": form.points(),
                "notes": form.notes(),
                "comment": form.cleaned_data["comment"],
            }
            try:
                if submit:
                    services.submit_peer_review(captain=request.user, **fields)
                else:
                    services.save_peer_review_draft(author=request.user, **fields)
            except PermissionDenied:
                messages.error(request, _("Отправить рецензию команды может только капитан."))
                status = 403
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                status = 400
            else:
                messages.success(
                    request,
                    _("Рецензия команды отправлена.")
                    if submit
                    else _("Черновик рецензии сохранён; его видит вся ваша команда."),
                )
                return redirect("assessments:peer_review", allocation_id=allocation.pk)
        elif posted is not None:
            status = 400
    elif request.method == "POST":
        messages.error(request, _("Эту рецензию сейчас нельзя изменить."))
        status = 409
    version = allocation.version
    stops = list(version.stops.select_related("enterprise"))
    return render(
        request,
        "assessments/peer_review.html",
        {
            "allocation": allocation,
            "row": row,
            "assignment": assignment,
            "anonymous": assignment.peer_anonymous,
            "version": version,
            "stops": stops,
            "map_points": _map_points(stops),
            "form": form,
            "is_captain": is_captain,
            "drafts": selectors.peer_review_drafts(allocation),
            "phase": PeerPhase(phase),
        },
        status=status,
    )


@login_required
def peer_stage(request, assignment_id: int, cohort_id: int):
    """A cohort's peer stage for the admin and the lead mentor: move the phase, mark a team
    dropped out, reallocate; every change kept as history."""
    assignment = selectors.assignment_page(assignment_id)
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    if not services.may_run_peer_stage(request.user, cohort):
        raise PermissionDenied
    if not assignment.peer_review or cohort.program_id != assignment.get_parent().pk:
        raise Http404
    stage = selectors.peer_stage(assignment, cohort)
    action = request.POST.get("action") if request.method == "POST" else None
    forms = {
        "move": PeerPhaseForm(request.POST if action == "move" else None),
        "drop": PeerDropOutForm(request.POST if action == "drop" else None, teams=stage["teams"]),
        "reallocate": PeerReallocateForm(request.POST if action == "reallocate" else None),
    }
    status = 200
    if action in forms:
        form = forms[action]
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "move":
                    services.move_peer_phase(
                        assignment=assignment,
                        cohort=cohort,
                        phase=data["phase"],
                        by=request.user,
                        reason=data["reason"],
                    )
                elif action == "drop":
                    services.drop_out_of_peer_review(
                        assignment=assignment,
                        cohort=cohort,
                        team=form.teams[data["team"]],
                        by=request.user,
                        reason=data["reason"],
                    )
                else:
                    services.reallocate_peer_reviews(
                        assignment=assignment, cohort=cohort, by=request.user, reason=data["reason"]
                    )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                status = 400
            else:
                messages.success(request, _("Сохранено."))
                return redirect("assessments:peer_stage", assignment.pk, cohort.pk)
        else:
            status = 400
    elif action is not None:
        status = 400
    return render(
        request,
        "assessments/peer_stage.html",
        {"assignment": assignment, "cohort": cohort, "forms": forms, **stage},
        status=status,
    )
