"""Announcements: an admin or a mentor writes to a cohort or to teams of it; the recipients
read them on the dashboard, in «Обсуждения» and by e-mail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lms.models import Cohort

from .. import selectors, services
from ..forms import AnnouncementEditForm, AnnouncementForm


@login_required
def new(request, cohort_id: int):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    whole, teams = selectors.announce_scope(request.user, cohort)
    if not whole and not teams:
        raise PermissionDenied
    form = AnnouncementForm(
        request.POST if request.method == "POST" else None, teams=teams, whole=whole
    )
    if request.method == "POST" and form.is_valid():
        try:
            announcement = services.post_announcement(
                cohort=cohort, author=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Объявление отправлено: получателей — %(n)s.")
                % {"n": announcement.recipients.count()},
            )
            return redirect("community:announcement", announcement.pk)
    return render(
        request,
        "community/announce.html",
        {
            "cohort": cohort,
            "form": form,
            "announcements": selectors.cohort_announcements(cohort, viewer=request.user),
        },
        status=400 if form.is_bound else 200,
    )


def _announcement_or_404(request, announcement_id):
    announcement = selectors.visible_announcement(announcement_id, request.user)
    if announcement is None:
        raise Http404
    return announcement


@login_required
def detail(request, announcement_id: int):
    announcement = _announcement_or_404(request, announcement_id)
    return render(
        request,
        "community/announcement.html",
        {"announcement": announcement, "revisions": list(announcement.revisions.all())},
    )


@login_required
def edit(request, announcement_id: int):
    announcement = _announcement_or_404(request, announcement_id)
    if announcement.author_id != request.user.pk:
        raise PermissionDenied
    form = AnnouncementEditForm(
        request.POST if request.method == "POST" else None,
        initial={"title": announcement.title, "body": announcement.body},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_announcement(
                announcement=announcement, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Изменения сохранены; прежний текст сохранён в истории."))
            return redirect("community:announcement", announcement.pk)
    return render(
        request,
        "community/edit.html",
        {"announcement": announcement, "form": form},
        status=400 if form.is_bound else 200,
    )
