"""A user's own things: the profile, notifications, consent to the personal-data policy,
their data."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from core import notifications as site_notifications

from .. import privacy, services
from ..forms import ProfileForm, WithdrawConsentForm


@login_required
def notifications(request):
    items = request.user.notifications.all()[:100]
    unread = [n.pk for n in items if n.read_at is None]
    response = render(request, "lms/notifications.html", {"items": items, "unread": unread})
    site_notifications.mark_read(user=request.user, ids=unread)
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
            services.record_consent(request.user, policy)
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
def profile(request):
    """Name as printed on certificates; the registry's personal fields only where a cohort asks."""
    registry = request.user.enrollments.filter(cohort__collects_registry_data=True).exists()
    form = ProfileForm(request.POST or None, instance=request.user, registry=registry)
    if request.method == "POST":
        if form.is_valid():
            user = form.save()
            services.set_name_dissemination(
                user, form.cleaned_data["name_dissemination_consent"], by=request.user
            )
            messages.success(request, _("Профиль сохранён."))
            return redirect("profile")
        messages.error(request, _("Профиль не сохранён: исправьте отмеченные поля."))
    return render(
        request,
        "lms/profile.html",
        {"form": form, "registry": registry},
        status=400 if form.errors else 200,
    )


@login_required
def withdraw_consent(request):
    """The learner withdraws consent to processing (152-ФЗ ст. 9 ч. 2): what follows, then a
    confirmation; the account is closed and anonymised and the user signed out."""
    form = WithdrawConsentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.withdraw_consent(request.user)
        logout(request)
        return render(request, "lms/withdraw_done.html")
    return render(
        request,
        "lms/withdraw.html",
        {"form": form, "policy": privacy.current_policy()},
        status=400 if form.errors else 200,
    )
