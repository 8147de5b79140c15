from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.models import Membership
from lms.roles import MENTOR, has_role

from . import checks, selectors, services
from .forms import ReviewForm, RouteDraftForm, StopFormSet, stop_initial
from .models import RouteAssignmentPage, RouteDesign


@login_required
@require_POST
def start_route(request, assignment_id: int):
    assignment = get_object_or_404(RouteAssignmentPage.objects.live(), id=assignment_id)
    membership = selectors.membership_for(request.user, assignment)
    if membership is None:
        raise Http404
    design = services.start_route(team=membership.team, assignment=assignment)
    return redirect("assessments:studio", design_id=design.id)


def _map_points(stops) -> list[dict]:
    points = []
    for stop in stops:
        source = stop.enterprise if stop.enterprise_id else stop
        if source.latitude is not None and source.longitude is not None:
            points.append(
                {"name": stop.name, "lat": float(source.latitude), "lon": float(source.longitude)}
            )
    return points


def _team_draft(request, design_id):
    design = get_object_or_404(selectors.visible_routes(request.user), id=design_id)
    membership = Membership.objects.filter(user=request.user, team_id=design.team_id).first()
    return design, membership


@login_required
def studio(request, design_id: int):
    design, membership = _team_draft(request, design_id)
    if membership is None:
        # Mentors and admins look at routes through the review pages.
        return redirect("assessments:review", design_id=design.id)
    draft = services.draft_of(design)
    region = design.team.region
    conflict = None
    findings = None
    if request.method == "POST" and draft is not None:
        form = RouteDraftForm(request.POST)
        formset = StopFormSet(request.POST, prefix="stops", form_kwargs={"region": region})
        if form.is_valid() and formset.is_valid():
            try:
                draft = services.save_route_draft(
                    design=design,
                    user=request.user,
                    stops=formset.stops(),
                    lock_version=form.cleaned_data["lock_version"],
                    **form.content(),
                )
            except services.RouteConflict as exc:
                conflict = exc.current
                messages.error(
                    request,
                    _(
                        "Черновик успел изменить другой участник команды (%(who)s). "
                        "Ваши правки не сохранены, но остались в форме: сверьте их с "
                        "актуальной версией ниже и сохраните снова."
                    )
                    % {"who": conflict.updated_by or "—"},
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                if "submit" not in request.POST:
                    messages.success(request, _("Черновик сохранён."))
                    return redirect("assessments:studio", design_id=design.id)
                try:
                    services.submit_route(design=design, user=request.user)
                except PermissionDenied:
                    messages.error(request, _("Отправить маршрут может только капитан."))
                except ValidationError as exc:
                    messages.error(request, " ".join(exc.messages))
                else:
                    messages.success(request, _("Маршрут отправлен наставнику."))
                return redirect("assessments:studio", design_id=design.id)
        else:
            messages.error(request, _("Проверьте поля, отмеченные ниже: черновик не сохранён."))
        if conflict is not None:
            # Keep what the user typed, but let the next save go against the fresh version.
            data = request.POST.copy()
            data["lock_version"] = conflict.lock_version
            form = RouteDraftForm(data)
            form.is_valid()
    else:
        form = RouteDraftForm(
            instance=draft, initial={"lock_version": draft.lock_version if draft else 0}
        )
        formset = StopFormSet(
            prefix="stops",
            initial=[stop_initial(s) for s in draft.stops.all()] if draft else [],
            form_kwargs={"region": region},
        )
        if draft is not None:
            findings = checks.findings_for_version(draft)
    stops = list(draft.stops.select_related("enterprise")) if draft else []
    return render(
        request,
        "assessments/studio.html",
        {
            "design": design,
            "draft": draft,
            "form": form,
            "formset": formset,
            "conflict": conflict,
            "findings": findings,
            "map_points": _map_points(stops),
            "membership": membership,
            "is_captain": membership.role == Membership.Role.CAPTAIN,
            "can_edit": draft is not None and design.state != RouteDesign.State.ACCEPTED,
            "can_submit": design.state in (RouteDesign.State.DRAFT, RouteDesign.State.RETURNED),
            "submitted_versions": design.versions.filter(submitted_at__isnull=False).order_by(
                "-number"
            ),
            "review": selectors.latest_review(design),
        },
    )


@login_required
@require_POST
def check_draft(request, design_id: int):
    """The checker's findings for the form as it is now, unsaved (htmx, while editing)."""
    design, membership = _team_draft(request, design_id)
    if membership is None:
        raise Http404
    form = RouteDraftForm(request.POST)
    formset = StopFormSet(request.POST, prefix="stops", form_kwargs={"region": design.team.region})
    if not (form.is_valid() and formset.is_valid()):
        return render(request, "assessments/_findings.html", {"incomplete": True})
    stops = checks.unsaved_stops(formset.stops())
    return render(
        request,
        "assessments/_findings.html",
        {
            "findings": checks.findings(design=design, content=form.content(), stops=stops),
            "map_points": _map_points(stops),
            "live": True,
        },
    )


@login_required
def review_queue(request):
    if not has_role(request.user, MENTOR):
        raise PermissionDenied
    return render(
        request,
        "assessments/review_queue.html",
        {"routes": selectors.review_queue(request.user)},
    )


@login_required
def review(request, design_id: int):
    design = get_object_or_404(selectors.visible_routes(request.user), id=design_id)
    version = selectors.latest_submitted(design)
    if version is None:
        raise Http404
    criteria = list(design.assignment.rubric.criteria.all())
    may_review = (
        services.can_review(request.user, design) and design.state == RouteDesign.State.SUBMITTED
    )
    form = None
    if may_review:
        form = ReviewForm(request.POST or None, criteria=criteria)
        if request.method == "POST" and form.is_valid():
            try:
                services.review_route(
                    version=version,
                    mentor=request.user,
                    points=form.points(),
                    comment=form.cleaned_data["comment"],
                    decision=form.cleaned_data["decision"],
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Рецензия сохранена, команда её увидит."))
                return redirect("assessments:review_queue")
    return render(
        request,
        "assessments/review.html",
        {
            "design": design,
            "version": version,
            "stops": version.stops.select_related("enterprise__region"),
            "form": form,
            "review": selectors.latest_review(design),
        },
    )
