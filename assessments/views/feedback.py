"""Feedback threads on a route: the mentor comments on a stop or a field of the version under
review, resolves or reopens; the team replies once the review is published."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import ReplyForm, ThreadForm
from ..models import FeedbackThread


def _route(request, design_id):
    """The route (404 for whoever may not see it) and whether the viewer is in its team."""
    design = get_object_or_404(selectors.visible_routes(request.user), id=design_id)
    is_member = design.team.memberships.filter(user=request.user).exists()
    return design, is_member


def _back(design, thread, *, to_team: bool):
    name = "assessments:studio" if to_team else "assessments:review"
    return redirect(reverse(name, args=[design.id]) + f"#thread-{thread.pk}")


def _invalid(request, design, form, *, action, thread=None):
    """The form again with what was typed and the errors beside it (400)."""
    return render(
        request,
        "assessments/thread_form.html",
        {"design": design, "form": form, "action": action, "thread": thread},
        status=400,
    )


@login_required
@require_POST
def open_thread(request, design_id: int):
    design, _member = _route(request, design_id)
    if not services.may_moderate(request.user, design):
        raise PermissionDenied
    version = selectors.latest_submitted(design)
    if version is None:
        raise Http404
    form = ThreadForm(request.POST, stops=list(version.stops.select_related("enterprise")))
    if form.is_valid():
        try:
            thread = services.open_thread(
                version=version,
                author=request.user,
                body=form.cleaned_data["body"],
                **form.anchored_to(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Замечание добавлено."))
            return _back(design, thread, to_team=False)
    action = reverse("assessments:open_thread", args=[design.id])
    return _invalid(request, design, form, action=action)


def _thread(request, design_id, thread_id):
    design, is_member = _route(request, design_id)
    thread = get_object_or_404(
        FeedbackThread.objects.select_related("version"), id=thread_id, design=design
    )
    if is_member and not services.is_published(thread.version):
        raise Http404  # part of a review the team has not received yet
    return design, is_member, thread


@login_required
@require_POST
def reply(request, design_id: int, thread_id: int):
    design, is_member, thread = _thread(request, design_id, thread_id)
    if not is_member and not services.may_moderate(request.user, design):
        raise PermissionDenied
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply_to_thread(
                thread=thread, author=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Ответ отправлен."))
            return _back(design, thread, to_team=is_member)
    action = reverse("assessments:reply", args=[design.id, thread.id])
    return _invalid(request, design, form, action=action, thread=thread)


@login_required
@require_POST
def thread_status(request, design_id: int, thread_id: int, resolved: bool):
    design, is_member, thread = _thread(request, design_id, thread_id)
    if is_member or not services.may_moderate(request.user, design):
        raise PermissionDenied  # the team answers; only its mentors close a thread
    try:
        services.set_thread_status(thread=thread, by=request.user, resolved=resolved)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Замечание закрыто.") if resolved else _("Замечание открыто снова.")
        )
    return _back(design, thread, to_team=False)


def team_feedback(design, versions) -> dict:
    """The studio's part: the mentors' threads the team may read and answer, grouped by stop
    and field of the latest submitted version (`versions`: the route's, newest first)."""
    submitted = [v for v in versions if v.submitted_at is not None]
    if not submitted:
        return {"feedback": None}
    return {
        "feedback": selectors.route_threads(design, submitted[0], team_view=True, versions=versions)
    }


def review_feedback(user, design, version, stops, *, sees_all: bool) -> dict:
    """The review page's part: the threads with the version (all of them for its mentors and
    admins, the published ones for the team) and, for its mentors, the form for a new one."""
    may_comment = services.may_moderate(user, design)
    return {
        "feedback": selectors.route_threads(design, version, team_view=not sees_all, stops=stops),
        "may_comment": may_comment,
        "thread_form": ThreadForm(stops=stops) if may_comment else None,
    }
