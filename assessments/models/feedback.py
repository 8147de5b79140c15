"""Feedback on the route itself: a mentor's thread on one stop or one field of a submitted
version, the team's replies, open or resolved, following the route into its next versions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .route import RouteDesign, RouteDesignVersion

# The fields of a version a thread may point at, as the version names them (their labels are
# the fields' verbose names), each with the fields whose change counts as a change of it.
THREAD_FIELDS = {
    "title": ("title",),
    "narrative": ("narrative",),
    "audience": ("audience", "audience_min_age"),
    "cost_items": ("cost_items", "price_per_person"),
    "safety_plan": ("safety_plan",),
}


class FeedbackThread(models.Model):
    """A conversation anchored to a stop (by its key, kept through versions) or a field.

    Opened by a mentor on a submitted version; the team sees it once a review of that version
    is published. Status is the current state; every change of it is a ThreadMessage row."""

    class Anchor(models.TextChoices):
        STOP = "stop", _("остановка")
        FIELD = "field", _("поле")

    class Status(models.TextChoices):
        OPEN = "open", _("открыто")
        RESOLVED = "resolved", _("решено")

    design = models.ForeignKey(RouteDesign, on_delete=models.CASCADE, related_name="threads")
    version = models.ForeignKey(
        RouteDesignVersion, on_delete=models.PROTECT, related_name="threads"
    )
    anchor = models.CharField(max_length=5, choices=Anchor.choices)
    stop_key = models.UUIDField(null=True, blank=True)
    field_name = models.CharField(
        max_length=30, blank=True, choices=[(name, name) for name in THREAD_FIELDS]
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField()
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["opened_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(anchor="stop", stop_key__isnull=False, field_name=""))
                | (models.Q(anchor="field", stop_key__isnull=True) & ~models.Q(field_name="")),
                name="thread_anchor_is_a_stop_or_a_field",
            )
        ]
        indexes = [models.Index(fields=["design", "status"])]

    @property
    def field_label(self) -> str:
        if not self.field_name:
            return ""
        return str(RouteDesignVersion._meta.get_field(self.field_name).verbose_name).capitalize()


class ThreadMessage(models.Model):
    """One entry of a thread: a message, or the mentor resolving or reopening it."""

    class Kind(models.TextChoices):
        MESSAGE = "message", _("сообщение")
        RESOLVED = "resolved", _("замечание закрыто")
        REOPENED = "reopened", _("замечание открыто снова")

    thread = models.ForeignKey(FeedbackThread, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.MESSAGE)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(blank=True)
    # The version under review when it was written (a carried thread continues on later ones).
    version = models.ForeignKey(
        RouteDesignVersion, on_delete=models.PROTECT, related_name="thread_messages"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
