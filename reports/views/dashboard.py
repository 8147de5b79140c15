"""The dashboard: where a signed-in person starts, with what is waiting for them."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from community.selectors import announcements_for
from core.models import Notification
from lms.roles import CERTIFICATE_ADMIN, MENTOR, has_role

from ..dashboards import admin_desk, mentor_desk
from ..selectors import learner_dashboard


@login_required
def dashboard(request):
    context = {
        "entries": learner_dashboard(request.user),
        "announcements": announcements_for(request.user),
        "unread": list(
            Notification.objects.filter(user=request.user, read_at__isnull=True).order_by(
                "-created_at"
            )[:3]
        ),
    }
    if has_role(request.user, MENTOR):
        context["desk"] = mentor_desk(request.user)
    if has_role(request.user, CERTIFICATE_ADMIN):
        context["admin"] = admin_desk()
    return render(request, "reports/dashboard.html", context)
