"""The competence centre's calendar of site bookings: every enterprise's requests across all
cohorts, confirmed or declined one by one with a note."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.params import int_param
from courses.models import Enterprise
from lms.roles import require_admin

from ..forms import BookingDecisionForm
from ..models import SiteBooking
from ..selectors import bookings_calendar
from ..services import decide_booking


def _since(request) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("since", ""))
    except ValueError:
        return timezone.localdate()


def _page(request, *, form=None, failed=None, status=200):
    enterprise_id = request.GET.get("enterprise", "")
    since = _since(request)
    return render(
        request,
        "assessments/bookings.html",
        {
            "calendars": bookings_calendar(
                since=since, enterprise_id=int_param(request.GET, "enterprise")
            ),
            "enterprises": Enterprise.objects.order_by("name").only("pk", "name", "city"),
            "enterprise_id": enterprise_id,
            "since": since,
            "form": form,
            "failed": failed,
        },
        status=status,
    )


@login_required
def bookings(request):
    require_admin(request.user)
    return _page(request)


@login_required
@require_POST
def decide(request, booking_id: int):
    require_admin(request.user)
    booking = get_object_or_404(SiteBooking, pk=booking_id)
    form = BookingDecisionForm(request.POST)
    if not form.is_valid():
        return _page(request, form=form, failed=booking.pk, status=400)
    confirm = form.cleaned_data["decision"] == "confirm"
    try:
        decide_booking(
            booking=booking, by=request.user, confirm=confirm, note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return _page(request, form=form, failed=booking.pk, status=400)
    messages.success(
        request,
        _("Визит подтверждён, команда уведомлена.")
        if confirm
        else _("Заявка отклонена, команда уведомлена."),
    )
    query = request.GET.urlencode()
    return redirect(reverse("assessments:bookings") + (f"?{query}" if query else ""))
