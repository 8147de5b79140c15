"""The peer stage of a route assignment: teams review each other's submitted routes by the
same rubric (like Moodle's Workshop). Every row is history: phase moves, drop-outs,
allocations (superseded, never deleted), each member's draft, the captain's submission."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import phases
from .route import RouteAssignmentPage, RouteDesign, RouteDesignVersion


class PeerPhase(models.TextChoices):
    SUBMISSION = phases.SUBMISSION, _("сдача маршрутов")
    PEER_REVIEW = phases.PEER_REVIEW, _("взаимное рецензирование")
    MENTOR_GRADING = phases.MENTOR_GRADING, _("оценка наставником")
    CLOSED = phases.CLOSED, _("завершено")


class PeerPhaseChange(models.Model):
    """The admin or the cohort's lead mentor moved the cohort's peer stage by hand."""

    assignment = models.ForeignKey(
        RouteAssignmentPage, on_delete=models.CASCADE, related_name="peer_phase_changes"
    )
    cohort = models.ForeignKey("lms.Cohort", on_delete=models.CASCADE, related_name="+")
    phase = models.CharField(max_length=16, choices=PeerPhase.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["assignment", "cohort", "at"])]


class PeerDropOut(models.Model):
    """A team left the peer stage: it neither reviews nor is reviewed from then on."""

    assignment = models.ForeignKey(RouteAssignmentPage, on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey("lms.Cohort", on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey("lms.Team", on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    reason = models.TextField()

    class Meta:
        ordering = ["at", "id"]


class PeerAllocation(models.Model):
    """One team is to review one route's version. A reallocation supersedes a row (who, when,
    why) instead of deleting it; the rows not superseded are the allocation in force."""

    assignment = models.ForeignKey(
        RouteAssignmentPage, on_delete=models.CASCADE, related_name="peer_allocations"
    )
    cohort = models.ForeignKey("lms.Cohort", on_delete=models.CASCADE, related_name="+")
    reviewer = models.ForeignKey("lms.Team", on_delete=models.CASCADE, related_name="+")
    design = models.ForeignKey(
        RouteDesign, on_delete=models.CASCADE, related_name="peer_allocations"
    )
    version = models.ForeignKey(RouteDesignVersion, on_delete=models.PROTECT, related_name="+")
    round = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField()
    superseded_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    superseded_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer", "design"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_peer_allocation_in_force",
            )
        ]
        indexes = [models.Index(fields=["assignment", "cohort", "superseded_at"])]


class PeerReviewDraft(models.Model):
    """A save of a reviewing team's draft by one member: kept whole, never overwritten; the
    latest of the allocation is the draft the team goes on from."""

    allocation = models.ForeignKey(PeerAllocation, on_delete=models.CASCADE, related_name="drafts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    # {"<criterion id>": points}, {"<criterion id>": comment}
    points = models.JSONField(default=dict)
    notes = models.JSONField(default=dict)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]


class PeerReview(models.Model):
    """The reviewing team's review of a route, sent by its captain: final once sent. Scores
    are kept with each criterion as it stood (name, weight, scale)."""

    allocation = models.OneToOneField(
        PeerAllocation, on_delete=models.PROTECT, related_name="review"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()
    comment = models.TextField(_("общий комментарий"))
    score = models.DecimalField(max_digits=4, decimal_places=1)
    rubric_fingerprint = models.CharField(max_length=40)
    # [{"criterion_id": 3, "criterion": name, "weight": w, "max_points": m, "points": p,
    #   "comment": text}, ...]
    scores = models.JSONField()

    class Meta:
        ordering = ["submitted_at", "id"]
