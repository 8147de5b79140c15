from django.conf import settings
from django.db import models
from django.utils import timezone

from .cohorts import Cohort


class ImportBatch(models.Model):
    """An uploaded spreadsheet between its preview and its confirmation; kept as a record."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    # The uploaded file is deleted after settings.IMPORT_FILE_RETENTION_DAYS (or when a person
    # in it is anonymised); the result (summary) stays.
    file_deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def delete_file(self) -> None:
        self.data = b""
        self.file_deleted_at = timezone.now()
        self.save(update_fields=["data", "file_deleted_at"])

    def mark_applied(self, plan) -> None:
        self.applied_at = timezone.now()
        self.summary = {action: plan.count(action) for action in ("create", "update", "unchanged")}
        self.summary["move"] = len(plan.moves)
        self.save(update_fields=["applied_at", "summary"])
