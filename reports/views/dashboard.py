"""The dashboard: where a signed-in person starts."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from assessments.selectors import review_queue
from lms.roles import MENTOR, has_role

from ..selectors import learner_dashboard


@login_required
def dashboard(request):
    context = {"entries": learner_dashboard(request.user)}
    if has_role(request.user, MENTOR):
        context["review_waiting"] = review_queue(request.user).count()
    return render(request, "reports/dashboard.html", context)
