"""Background jobs an admin starts and watches: bulk issuing and a cohort's ZIP of PDFs."""

from django.conf import settings
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _


class BulkIssue(models.Model):
    """One press of «выдать выбранным»: a task per learner, progress kept in the database."""

    cohort = models.ForeignKey("lms.Cohort", on_delete=models.CASCADE, related_name="bulk_issues")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("массовая выдача")
        verbose_name_plural = _("массовые выдачи")

    def progress(self) -> dict:
        counts = dict(self.items.values_list("status").annotate(n=Count("id")))
        total = sum(counts.values())
        done = counts.get(BulkIssueItem.Status.DONE, 0)
        failed = counts.get(BulkIssueItem.Status.FAILED, 0)
        return {
            "total": total,
            "done": done,
            "failed": failed,
            "finished": done + failed == total,
            "percent": round(100 * (done + failed) / total) if total else 100,
        }


class BulkIssueItem(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("в очереди")
        RUNNING = "running", _("выполняется")
        DONE = "done", _("выдано")
        FAILED = "failed", _("ошибка")

    job = models.ForeignKey(BulkIssue, on_delete=models.CASCADE, related_name="items")
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    worker_pid = models.PositiveIntegerField(null=True, blank=True)
    certificate = models.ForeignKey(
        "certificates.Certificate", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["job", "holder"], name="bulk_item_once_per_holder")
        ]


def archive_path(instance, filename):
    return f"certificates/archives/{instance.pk}.zip"


class CohortArchive(models.Model):
    """A ZIP of a cohort's certificate PDFs, built by a task and removed after a day."""

    class Status(models.TextChoices):
        PENDING = "pending", _("в очереди")
        RUNNING = "running", _("собирается")
        READY = "ready", _("готов")
        FAILED = "failed", _("ошибка")
        EXPIRED = "expired", _("удалён")

    cohort = models.ForeignKey("lms.Cohort", on_delete=models.CASCADE, related_name="archives")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    file = models.FileField(upload_to=archive_path, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    @property
    def percent(self) -> int:
        if self.status == self.Status.READY:
            return 100
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status not in (self.Status.PENDING, self.Status.RUNNING)
