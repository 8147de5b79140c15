"""A user's own things: notifications, consent to the personal-data policy, their data."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import privacy
from .roles import CERTIFICATE_ADMIN, has_role


@login_required
def notifications(request):
    from .services import notifications_mark_read

    items = request.user.notifications.all()[:100]
    unread = [n.pk for n in items if n.read_at is None]
    response = render(request, "lms/notifications.html", {"items": items, "unread": unread})
    notifications_mark_read(user=request.user, ids=unread)
    return response


def consent(request):
    """Read the current policy and agree to it (asked again whenever it is republished)."""
    if not request.user.is_authenticated:
        return redirect("account_login")
    policy = privacy.current_policy()
    next_url = request.POST.get("next") or request.GET.get("next") or "/dashboard/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = "/dashboard/"
    if policy is None:
        return redirect(next_url)
    error = False
    if request.method == "POST":
        if request.POST.get("agree") == "yes":
            privacy.record_consent(request.user, policy)
            messages.success(request, _("Согласие сохранено."))
            return redirect(next_url)
        error = True
    return render(
        request,
        "lms/consent.html",
        {"policy": policy, "next": next_url, "error": error},
        status=400 if error else 200,
    )


@login_required
def my_data(request):
    """Everything the platform keeps about the user, as one JSON file (152-ФЗ, ст. 14)."""
    data = privacy.personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
@require_POST
def anonymise(request, user_id: int):
    from django.contrib.auth import get_user_model

    if not has_role(request.user, CERTIFICATE_ADMIN):
        raise PermissionDenied
    user = get_object_or_404(get_user_model(), pk=user_id)
    reason = request.POST.get("reason", "").strip()
    if not reason:
        messages.error(request, _("Укажите основание: например, заявление слушателя."))
    else:
        privacy.anonymise_user(user, by=request.user, reason=reason[:500])
        messages.success(request, _("Персональные данные слушателя обезличены."))
    back = request.POST.get("back", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = reverse("certificates:cohorts")
    return redirect(back)
