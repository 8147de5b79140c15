"""Around a team's route: saved drafts' history, attachments, grades per member, peer notes."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .route import Review, RouteAssignmentPage, RouteDesign, RouteDesignVersion


class RouteDraftSnapshot(models.Model):
    """Every save of a draft, kept whole: who, when, what. Any of them can be restored."""

    design = models.ForeignKey(RouteDesign, on_delete=models.CASCADE, related_name="snapshots")
    version_number = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField()
    autosave = models.BooleanField(default=False)
    content = models.JSONField()

    class Meta:
        ordering = ["-saved_at", "-id"]


def attachment_path(instance, filename):
    return f"routes/{instance.version.design_id}/{instance.version_id}/{filename}"


class RouteAttachment(models.Model):
    """A file the team attaches to a version (PDF or image), its type checked by content."""

    version = models.ForeignKey(
        RouteDesignVersion, on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at"]


class GradeAdjustment(models.Model):
    """The mentor sets one member's project score apart from the team's, with a reason.

    Every change is a new row: the latest for a review and member is the member's score, the
    earlier ones its history."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="adjustments")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(
        max_digits=4, decimal_places=1, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]


class PeerAssessment(models.Model):
    """A member's note on a teammate's (or their own) contribution to one submitted version,
    seen by the mentor. Notes open when the version is submitted and close when its review is
    published; each change is a new row, the latest per author and teammate counts."""

    design = models.ForeignKey(RouteDesign, on_delete=models.CASCADE, related_name="peer_notes")
    version = models.ForeignKey(
        RouteDesignVersion, on_delete=models.CASCADE, null=True, related_name="peer_notes"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    about = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    contribution = models.PositiveSmallIntegerField(
        _("вклад, %"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    comment = models.TextField(_("комментарий"), blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["version", "author", "about"])]


class ReviewRevision(models.Model):
    """A published review as it stood when it was reopened for a regrade: kept whole (scores,
    comment, decision, who published it), with who reopened it, when and why."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    decision = models.CharField(max_length=10, choices=Review.Decision.choices, blank=True)
    score = models.DecimalField(max_digits=4, decimal_places=1, null=True)
    rubric_fingerprint = models.CharField(max_length=40, blank=True)
    # [{"criterion": name, "weight": w, "max_points": m, "points": p, "comment": text}, ...]
    scores = models.JSONField(default=list)
    published_at = models.DateTimeField(null=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reopened_at = models.DateTimeField()
    reason = models.TextField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="one_revision_number")
        ]


class DeadlineExtension(models.Model):
    """An admin gives one team more time for an assignment, before or after it starts its
    route. Every extension is a row; the latest is the team's deadline (copied onto its route
    as `deadline_extended_to`, which the pages and reminders read)."""

    team = models.ForeignKey("lms.Team", on_delete=models.CASCADE, related_name="extensions")
    assignment = models.ForeignKey(
        RouteAssignmentPage, on_delete=models.CASCADE, related_name="extensions"
    )
    until = models.DateTimeField(_("новый срок"))
    reason = models.TextField(_("основание"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
