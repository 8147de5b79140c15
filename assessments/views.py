from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.models import Membership
from lms.roles import MENTOR, has_role

from . import checks, selectors, services
from .diff import diff_versions
from .forms import (
    GradeAdjustmentForm,
    ReviewForm,
    RouteDraftForm,
    StopFormSet,
    enterprise_choices,
    stop_initial,
)
from .models import Review, RouteAssignmentPage, RouteAttachment, RouteDesign
from .scoring import suggest_level


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
    """The route, the user's membership of its team and the team's memberships (with users).

    Members get their membership; a mentor or admin who may see the route gets None; anyone
    else a 404. Members, by far the most frequent, are told apart without the visibility query.
    """
    design = get_object_or_404(RouteDesign.objects.select_related("team__region"), id=design_id)
    design.assignment = selectors.assignment_page(design.assignment_id)
    memberships = list(design.team.memberships.select_related("user").order_by("id"))
    mine = next((m for m in memberships if m.user_id == request.user.pk), None)
    if mine is None and not selectors.visible_routes(request.user).filter(id=design.id).exists():
        raise Http404
    return design, mine, memberships


def _team_route(request, design_id) -> RouteDesign:
    """The route, for a member of its team; 404 for anyone else (mentors included)."""
    design, membership, _memberships = _team_draft(request, design_id)
    if membership is None:
        raise Http404
    return design


def _route_forms(data, design):
    """The route form and the stops formset, bound to `data` (None: unbound)."""
    choices = enterprise_choices(design.team.region)
    return RouteDraftForm(data), StopFormSet(data, prefix="stops", form_kwargs={"choices": choices})


@login_required
def studio(request, design_id: int):
    design, membership, memberships = _team_draft(request, design_id)
    if membership is None:
        # Mentors and admins look at routes through the review pages.
        return redirect("assessments:review", design_id=design.id)
    # Every version at once: the draft (the newest unsubmitted, as services.draft_of) and the
    # submitted ones listed below the form.
    versions = list(design.versions.select_related("submitted_by").order_by("-number"))
    draft = next((v for v in versions if v.submitted_at is None), None)
    # Read once for the form, the checker and the map. A POST that saves redirects, so a
    # page rendered below always shows the draft as read here.
    stops = list(draft.stops.select_related("enterprise")) if draft else []
    region = design.team.region
    conflict = None
    findings = None
    if request.method == "POST" and draft is not None:
        form, formset = _route_forms(request.POST, design)
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
            initial=[stop_initial(s) for s in stops],
            form_kwargs={"choices": enterprise_choices(region)},
        )
        if draft is not None:
            findings = checks.findings_for_version(draft, stops=stops)
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
            "submitted_versions": [v for v in versions if v.submitted_at is not None],
            "review": selectors.latest_review(design, versions=versions),
            "snapshots": design.snapshots.select_related("author")[:20],
            "attachments": draft.attachments.all() if draft else [],
            "teammates": [m.user for m in memberships],
            "my_notes": {n.about_id: n for n in design.peer_notes.filter(author=request.user)},
        },
    )


@login_required
@require_POST
def check_draft(request, design_id: int):
    """The checker's findings for the form as it is now, unsaved (htmx, while editing)."""
    design = _team_route(request, design_id)
    form, formset = _route_forms(request.POST, design)
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


QUEUE_PAGE_SIZE = 25


@login_required
def review_queue(request):
    if not has_role(request.user, MENTOR):
        raise PermissionDenied
    page = Paginator(selectors.review_queue(request.user), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "assessments/review_queue.html", {"page": page, "routes": page})


@login_required
def review(request, design_id: int):
    design = get_object_or_404(selectors.visible_routes(request.user), id=design_id)
    version = selectors.latest_submitted(design)
    if version is None:
        raise Http404
    criteria = list(design.assignment.rubric.criteria.all())
    own = version.reviews.filter(mentor=request.user).first()
    may_review = (
        services.can_review(request.user, design)
        and design.state in (RouteDesign.State.SUBMITTED, RouteDesign.State.IN_REVIEW)
        and (own is None or own.status == Review.Status.DRAFT)
    )
    suggestions = {
        c.pk: suggest_level(c.max_points, c.measured_by, version.findings) for c in criteria
    }
    form = None
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
        posted = request.POST if request.method == "POST" and "adjust" not in request.POST else None
        form = ReviewForm(posted, criteria=criteria, initial=initial)
        if request.method == "POST" and form.is_valid():
            publish = "publish" in request.POST
            try:
                saved = services.review_route(
                    version=version,
                    mentor=request.user,
                    points=form.points(),
                    comment=form.cleaned_data["comment"],
                    decision=form.cleaned_data["decision"],
                    publish=publish,
                    notes=form.notes(),
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
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
    published = version.reviews.filter(mentor=request.user, status=Review.Status.PUBLISHED).first()
    adjust_form = None
    if published is not None:
        adjust_form = GradeAdjustmentForm(
            request.POST if "adjust" in request.POST else None, members=members
        )
        if "adjust" in request.POST and adjust_form.is_valid():
            try:
                services.adjust_member_grade(
                    review=published,
                    member=adjust_form.members[adjust_form.cleaned_data["member"]],
                    score=adjust_form.cleaned_data["score"],
                    reason=adjust_form.cleaned_data["reason"],
                    by=request.user,
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Балл участника сохранён."))
                return redirect("assessments:review", design_id=design.id)
    awaiting = version.reviews.filter(status=Review.Status.AWAITING_APPROVAL).first()
    is_lead = design.team.cohort.lead_mentor_id == request.user.id
    viewer_sees_all = services.can_review(request.user, design) or is_lead
    latest = selectors.latest_review(design, viewer=request.user if viewer_sees_all else None)
    return render(
        request,
        "assessments/review.html",
        {
            "design": design,
            "version": version,
            "stops": version.stops.select_related("enterprise__region"),
            "form": form,
            "suggestions": suggestions,
            "review": latest,
            "awaiting": awaiting if is_lead else None,
            "needs_regrade": bool(
                latest
                and latest.rubric_fingerprint
                and latest.rubric_fingerprint != design.assignment.rubric.fingerprint()
            ),
            "peer_notes": design.peer_notes.select_related("author", "about")
            if viewer_sees_all
            else [],
            "attachments": version.attachments.all(),
            "has_previous": version.number > 1,
            "adjust_form": adjust_form,
            "adjustments": published.adjustments.select_related("member") if published else [],
        },
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
    design = get_object_or_404(selectors.visible_routes(request.user), id=design_id)
    new = get_object_or_404(design.versions, number=number, submitted_at__isnull=False)
    old = (
        design.versions.filter(number__lt=number, submitted_at__isnull=False)
        .order_by("-number")
        .first()
    )
    if old is None:
        raise Http404
    from courses.models import Enterprise

    names = dict(Enterprise.objects.values_list("id", "name"))
    changes = diff_versions(selectors.version_content(old), selectors.version_content(new), names)
    return render(
        request,
        "assessments/diff.html",
        {"design": design, "old": old, "new": new, "changes": changes},
    )


@login_required
@require_POST
def autosave(request, design_id: int):
    """Save the draft quietly while the team types; answers JSON for the studio's script."""
    design = _team_route(request, design_id)
    form, formset = _route_forms(request.POST, design)
    if not (form.is_valid() and formset.is_valid()):
        return JsonResponse({"saved": False, "reason": "invalid"}, status=422)
    try:
        draft = services.save_route_draft(
            design=design,
            user=request.user,
            stops=formset.stops(),
            lock_version=form.cleaned_data["lock_version"],
            autosave=True,
            **form.content(),
        )
    except services.RouteConflict as exc:
        return JsonResponse(
            {
                "saved": False,
                "reason": "conflict",
                "message": _("Черновик изменил другой участник (%(who)s). Обновите страницу.")
                % {"who": exc.current.updated_by or "—"},
            },
            status=409,
        )
    except ValidationError as exc:
        return JsonResponse({"saved": False, "reason": " ".join(exc.messages)}, status=422)
    return JsonResponse(
        {"saved": True, "lock_version": draft.lock_version, "at": draft.updated_at.isoformat()}
    )


@login_required
@require_POST
def restore(request, design_id: int, snapshot_id: int):
    design = _team_route(request, design_id)
    snapshot = get_object_or_404(design.snapshots, id=snapshot_id)
    draft = services.draft_of(design)
    try:
        services.restore_snapshot(
            design=design,
            snapshot=snapshot,
            user=request.user,
            lock_version=draft.lock_version if draft else 0,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Восстановлено сохранение от %(when)s.")
            % {"when": timezone.localtime(snapshot.saved_at).strftime("%d.%m.%Y %H:%M")},
        )
    return redirect("assessments:studio", design_id=design.id)


@login_required
@require_POST
def attach(request, design_id: int):
    design = _team_route(request, design_id)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Выберите файл."))
    else:
        try:
            services.add_attachment(design=design, user=request.user, upload=upload)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Файл приложен."))
    return redirect("assessments:studio", design_id=design.id)


@login_required
def attachment(request, design_id: int, attachment_id: int):
    design = get_object_or_404(selectors.visible_routes(request.user), id=design_id)
    item = get_object_or_404(RouteAttachment, id=attachment_id, version__design=design)
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_name,
        content_type=item.content_type,
    )


@login_required
@require_POST
def peer_note(request, design_id: int):
    design = _team_route(request, design_id)
    about = get_object_or_404(
        Membership, team_id=design.team_id, user_id=request.POST.get("about") or 0
    ).user
    try:
        contribution = int(request.POST.get("contribution", ""))
        services.save_peer_assessment(
            design=design,
            author=request.user,
            about=about,
            contribution=contribution,
            comment=request.POST.get("comment", ""),
        )
    except ValueError:
        messages.error(request, _("Вклад — целое число от 0 до 100."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Оценка вклада сохранена; её увидит наставник."))
    return redirect("assessments:studio", design_id=design.id)


@login_required
def handout(request, design_id: int):
    """A clean PDF of the accepted route, for a tour operator."""
    from django.http import HttpResponse

    from lms.pdf import render_pdf

    design = get_object_or_404(selectors.visible_routes(request.user), id=design_id)
    if design.state != RouteDesign.State.ACCEPTED:
        raise Http404
    version = selectors.latest_submitted(design)
    stops = list(version.stops.select_related("enterprise"))
    data = render_pdf(
        "assessments/handout_pdf.html",
        {"design": design, "version": version, "stops": stops},
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="route-{design.id}.pdf"'
    return response
