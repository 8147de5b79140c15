from datetime import timedelta

from celery import shared_task
from django.db.models import Q
from django.utils import timezone

from core.notifications import notify
from lms.models import Membership

from .models import RouteDesign


@shared_task
def remind_deadlines() -> int:
    """Remind every member of the team one day before the route's deadline (its extension if
    it has one) while the route is not submitted. Idempotent."""
    now = timezone.now()
    soon = now + timedelta(days=1)
    due = (
        RouteDesign.objects.filter(state__in=[RouteDesign.State.DRAFT, RouteDesign.State.RETURNED])
        .filter(
            Q(
                deadline_extended_to__isnull=True,
                assignment__deadline__gt=now,
                assignment__deadline__lte=soon,
            )
            | Q(deadline_extended_to__gt=now, deadline_extended_to__lte=soon)
        )
        .select_related("assignment", "team")
    )
    sent = 0
    for design in due:
        if design.reminded_for_deadline == design.deadline:
            continue
        members = [
            m.user for m in Membership.objects.filter(team=design.team).select_related("user")
        ]
        notify(
            members,
            template="deadline_reminder",
            context={"design": design},
            url=f"/routes/{design.id}/",
        )
        design.reminded_for_deadline = design.deadline
        design.save(update_fields=["reminded_for_deadline"])
        sent += 1
    return sent


@shared_task
def open_peer_reviews() -> int:
    """Allocate the routes of every cohort whose peer review has opened by date. Idempotent."""
    from .services import open_due_peer_reviews

    return open_due_peer_reviews()
