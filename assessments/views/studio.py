"""The team's side of a route: the studio (drafting, live checks, autosave, snapshots,
files, peer notes) and the handout of an accepted route."""

import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.languages import default_locale_pages
from core.params import int_param
from core.pdf import render_pdf
from lms.models import Membership

from .. import route_findings, route_sketch, selectors, services
from ..forms import (
    RouteDraftForm,
    SafetyChecklistForm,
    StopFormSet,
    checklist_entries,
    enterprise_choices,
    partial_route,
    studio_initial,
)
from ..models import RouteAssignmentPage, RouteAttachment, RouteDesign
from . import feedback


@login_required
@require_POST
def start_route(request, assignment_id: int):
    assignments = default_locale_pages(RouteAssignmentPage.objects.live())
    assignment = get_object_or_404(assignments, id=assignment_id)
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
                {
                    "name": stop.name,
                    "lat": float(source.latitude),
                    "lon": float(source.longitude),
                    "day": stop.day or 1,
                }
            )
    return points


def team_draft(request, design_id):
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
    design, membership, _memberships = team_draft(request, design_id)
    if membership is None:
        raise Http404
    return design


def _route_forms(data, design):
    """The route form and the stops formset, bound to `data` (None: unbound)."""
    choices = enterprise_choices(design.team.region, design.assignment.shortlisted_enterprise_ids())
    return RouteDraftForm(data), StopFormSet(data, prefix="stops", form_kwargs={"choices": choices})


def _posted_stops(formset) -> list:
    """The stops of a bound (validated) formset that are valid, in their order, with their
    enterprises (one query): what the checklist of a posted form is made of."""
    rows = [
        f
        for f in formset.forms
        if not f.errors and f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]
    rows.sort(key=lambda f: f.cleaned_data.get("ORDER") or 10_000)
    return route_findings.unsaved_stops([f.stop() for f in rows])


def _posted_safety_form(data, stops) -> SafetyChecklistForm:
    safety = SafetyChecklistForm(data, entries=checklist_entries(stops))
    safety.is_valid()
    return safety


@login_required
def studio(request, design_id: int):
    return _studio(request, design_id)


def _studio(
    request, design_id: int, peer_typed: dict | None = None, withdraw_typed: dict | None = None
):
    """The studio page; `peer_typed` is a contribution note refused, `withdraw_typed` a
    withdrawal refused (what was typed, and why), shown again in its form instead of
    handling the request's POST as the route form."""
    refused = peer_typed is not None or withdraw_typed is not None
    design, membership, memberships = team_draft(request, design_id)
    if membership is None:
        # Mentors and admins look at routes through the review pages.
        return redirect("assessments:review", design_id=design.id)
    # Every version at once: the draft (the newest unsubmitted, as services.draft_of) and the
    # submitted ones listed below the form.
    versions = list(
        design.versions.select_related("submitted_by", "withdrawn_by").order_by("-number")
    )
    draft = next((v for v in versions if v.submitted_at is None), None)
    can_edit = draft is not None and design.state != RouteDesign.State.ACCEPTED
    # Read once for the form, the checker and the map. A POST that saves redirects, so a
    # page rendered below always shows the draft as read here. An accepted route shows no
    # form: its members come back for the handout and the review.
    stops = list(draft.stops.select_related("enterprise")) if can_edit else []
    region = design.team.region
    conflict = None
    findings = None
    history = selectors.draft_history(design)
    incomplete, field_notes = {}, {}
    status = 400 if refused else 200
    safety = None
    if request.method == "POST" and not refused and draft is not None:
        form, formset = _route_forms(request.POST, design)
        valid = form.is_valid() and formset.is_valid()
        safety = _posted_safety_form(request.POST, _posted_stops(formset))
        if valid and safety.is_valid():
            try:
                draft = services.save_route_draft(
                    design=design,
                    user=request.user,
                    stops=formset.stops(),
                    lock_version=form.cleaned_data["lock_version"],
                    safety_answers=safety.answers(),
                    **form.content(),
                )
            except services.RouteConflict as exc:
                conflict = exc.current
                status = 409
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
                status = 400
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
            status = 400
        if conflict is not None:
            # Keep what the user typed, but let the next save go against the fresh version.
            data = request.POST.copy()
            data["lock_version"] = conflict.lock_version
            form = RouteDraftForm(data)
            form.is_valid()
    elif not can_edit:
        form = formset = None
    else:
        # What the last autosave kept of a half-filled form goes back where it was typed.
        incomplete = _kept_incomplete(history, draft)
        typed, rows, notes = studio_initial(stops, incomplete)
        form = RouteDraftForm(
            instance=draft,
            initial={"lock_version": draft.lock_version if draft else 0, **typed},
        )
        formset = StopFormSet(
            prefix="stops",
            initial=rows,
            form_kwargs={
                "choices": enterprise_choices(
                    region, design.assignment.shortlisted_enterprise_ids()
                )
            },
        )
        for row, messages_of_row in zip(formset.forms, notes, strict=False):
            row.autosave_messages = messages_of_row
        field_notes = {
            name: item["messages"] for name, item in incomplete.get("fields", {}).items()
        }
        # The checklist: the draft's answers, and those an autosave refused as typed.
        typed_checklist = incomplete.get("checklist", {})
        safety = SafetyChecklistForm(
            entries=checklist_entries(stops),
            answers={
                **draft.safety_answers,
                **{key: item["value"] for key, item in typed_checklist.items()},
            },
            notes={key: item["messages"] for key, item in typed_checklist.items()},
        )
        findings = route_findings.findings_for_version(draft, stops=stops)
    review = selectors.latest_review(design, versions=versions)
    return render(
        request,
        "assessments/studio.html",
        {
            "design": design,
            "draft": draft,
            "form": form,
            "formset": formset,
            "safety": safety,
            "conflict": conflict,
            "findings": findings,
            "map_points": _map_points(stops),
            "membership": membership,
            "is_captain": membership.role == Membership.Role.CAPTAIN,
            "can_edit": can_edit,
            "can_submit": design.state in (RouteDesign.State.DRAFT, RouteDesign.State.RETURNED),
            "can_withdraw": design.state
            in (RouteDesign.State.SUBMITTED, RouteDesign.State.IN_REVIEW),
            "submitted_versions": [v for v in versions if v.submitted_at is not None],
            "review": review,
            "received_peer": selectors.received_peer_reviews(design)
            if design.assignment.peer_review
            else None,
            "bookings": selectors.route_bookings(design),
            "snapshots": history,
            "time_zone": design.assignment.time_zone,
            "autosave_partial": bool(incomplete),
            "autosave_field_notes": field_notes,
            "attachments": draft.attachments.all() if draft else [],
            "teammates": [m.user for m in memberships],
            **_my_contribution_notes(design, versions, request.user, review),
            **feedback.team_feedback(design, versions),
            "peer_typed": peer_typed or {},
            "withdraw_typed": withdraw_typed or {},
        },
        status=status,
    )


def _kept_incomplete(history, draft) -> dict:
    """The half-filled part the draft's latest save kept aside (see forms.partial_route)."""
    latest = history[0] if history else None
    if draft is None or latest is None or latest.version_number != draft.number:
        return {}
    return latest.content.get("incomplete") or {}


def _my_contribution_notes(design, versions, user, review) -> dict:
    """The member's notes on the version under review (open until its review is published)
    or, once closed, on the latest submitted version, frozen. `review`: the route's latest
    published one (see selectors.contribution_version)."""
    submitted = [v for v in versions if v.submitted_at is not None]
    if not submitted:
        return {"my_notes": {}, "contribution_open": False, "contribution_version": None}
    latest = submitted[0]
    open_version = selectors.contribution_version(design, versions=versions, review=review)
    notes = latest.peer_notes.filter(author=user).order_by("at", "id")
    return {
        "my_notes": {n.about_id: n for n in notes},
        "contribution_open": open_version is not None,
        "contribution_version": latest,
    }


@login_required
@require_POST
def check_draft(request, design_id: int):
    """The checker's findings for the form as it is now, unsaved (htmx, while editing)."""
    design = _team_route(request, design_id)
    form, formset = _route_forms(request.POST, design)
    if not (form.is_valid() and formset.is_valid()):
        return render(request, "assessments/_findings.html", {"incomplete": True})
    stops = route_findings.unsaved_stops(formset.stops())
    # The checklist as answered so far: a refused answer (no reason) counts as open.
    content = {
        **form.content(),
        "safety_answers": _posted_safety_form(request.POST, stops).answers(),
    }
    return render(
        request,
        "assessments/_findings.html",
        {
            "findings": route_findings.findings(design=design, content=content, stops=stops),
            "map_points": _map_points(stops),
            "live": True,
        },
    )


def _in_zone(design, moment):
    """A moment as the team reads it: in the assignment's time zone (as the deadline)."""
    return timezone.localtime(moment, zoneinfo.ZoneInfo(design.assignment.time_zone))


@login_required
@require_POST
def autosave(request, design_id: int):
    """Save the draft quietly while the team types; answers JSON for the studio's script.

    Keeps whatever is valid and what is not yet as typed (see forms.partial_route); the
    answer names the fields and stops still to fix. Submitting validates the whole form."""
    design = _team_route(request, design_id)
    form, formset = _route_forms(request.POST, design)
    form.is_valid()
    formset.is_valid()
    if "lock_version" in form.errors or formset.non_form_errors():
        problems = [str(m) for m in formset.non_form_errors()]
        return JsonResponse(
            {"saved": False, "reason": "invalid", "message": " ".join(problems)}, status=422
        )
    safety = _posted_safety_form(request.POST, _posted_stops(formset))
    parts = partial_route(form, formset, safety)
    incomplete = parts["incomplete"]
    try:
        draft = services.save_route_draft(
            design=design,
            user=request.user,
            stops=parts["stops"],
            lock_version=form.cleaned_data["lock_version"],
            autosave=True,
            incomplete=incomplete,
            **parts["content"],
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
        return JsonResponse(
            {"saved": False, "reason": "invalid", "message": " ".join(exc.messages)}, status=422
        )
    at = _in_zone(design, draft.updated_at)
    when = {"time": at.strftime("%H:%M:%S"), "zone": design.assignment.time_zone}
    partial = bool(incomplete["fields"] or incomplete["stops"] or incomplete["checklist"])
    return JsonResponse(
        {
            "saved": True,
            "partial": partial,
            "status": (
                _(
                    "Черновик сохранён частично в %(time)s (%(zone)s): то, что отмечено в "
                    "форме, ещё не сохранено в черновик — исправьте его."
                )
                if partial
                else _("Черновик сохранён автоматически в %(time)s (%(zone)s).")
            )
            % when,
            "lock_version": draft.lock_version,
            "at": at.isoformat(),
            **when,
            # The checklist's refused items too: the page marks each at its item's box.
            "fields": [
                {"name": name, "messages": item["messages"]}
                for name, item in incomplete["fields"].items()
            ]
            + [
                {"name": f"{SafetyChecklistForm.PREFIX}-{key}", "messages": item["messages"]}
                for key, item in incomplete["checklist"].items()
            ],
            "stops": [
                {"index": item["index"], "number": item["position"], "messages": item["messages"]}
                for item in incomplete["stops"]
            ],
            # New rows get their identity now, so the next save keeps it.
            "keys": [
                {"index": index, "key": stop.key}
                for index, stop in zip(parts["indexes"], parts["stops"], strict=True)
            ],
        }
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
            _("Восстановлено сохранение от %(when)s (%(zone)s).")
            % {
                "when": _in_zone(design, snapshot.saved_at).strftime("%d.%m.%Y %H:%M"),
                "zone": design.assignment.time_zone,
            },
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
        Membership, team_id=design.team_id, user_id=int_param(request.POST, "about") or 0
    ).user
    typed = {
        "about": about.id,
        "contribution": request.POST.get("contribution", ""),
        "comment": request.POST.get("comment", ""),
    }
    try:
        contribution = int(typed["contribution"])
    except ValueError:
        error = _("Вклад — целое число от 0 до 100.")
    else:
        try:
            services.save_peer_assessment(
                design=design,
                author=request.user,
                about=about,
                contribution=contribution,
                comment=typed["comment"],
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Оценка вклада сохранена; её увидит наставник."))
            return redirect("assessments:studio", design_id=design.id)
    # Refused: the studio again (400), the note as typed in its form, the reason beside it.
    return _studio(request, design_id, peer_typed={**typed, "error": error})


@login_required
@require_POST
def withdraw(request, design_id: int):
    """The captain takes the route back from review, with a reason (kept on the version)."""
    design = _team_route(request, design_id)
    reason = request.POST.get("reason", "")
    try:
        services.withdraw_route(design=design, user=request.user, reason=reason)
    except PermissionDenied:
        error = _("Отозвать маршрут может только капитан.")
    except ValidationError as exc:
        error = " ".join(exc.messages)
    else:
        messages.success(request, _("Маршрут отозван с проверки: места на площадках освобождены."))
        return redirect("assessments:studio", design_id=design.id)
    return _studio(request, design_id, withdraw_typed={"reason": reason, "error": error})


@login_required
def handout(request, design_id: int):
    """A clean PDF of the accepted route, for a tour operator."""
    design = get_object_or_404(selectors.visible_routes(request.user), id=design_id)
    if design.state != RouteDesign.State.ACCEPTED:
        raise Http404
    version = selectors.latest_submitted(design)
    stops = list(version.stops.select_related("enterprise"))
    data = render_pdf(
        "assessments/handout_pdf.html",
        {
            "design": design,
            "version": version,
            "stops": stops,
            "sketch": route_sketch.sketch(_map_points(stops)),
        },
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="route-{design.id}.pdf"'
    return response
