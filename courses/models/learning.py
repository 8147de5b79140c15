"""Who studies what: enrolments, requests to join, and lesson progress."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .pages import LessonPage


class Enrollment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    cohort = models.ForeignKey("lms.Cohort", on_delete=models.CASCADE, related_name="enrollments")
    created_at = models.DateTimeField(auto_now_add=True)
    # Entered by an admin from the attendance sheets, where the programme asks for it.
    attendance_percent = models.PositiveSmallIntegerField(
        _("посещаемость, %"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("зачисление")
        verbose_name_plural = _("зачисления")
        constraints = [
            models.UniqueConstraint(fields=["user", "cohort"], name="enrol_once_per_cohort")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.cohort}"


class EnrollmentRequest(models.Model):
    """A learner asks to join a cohort whose enrolment is open; an admin decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("ждёт решения")
        APPROVED = "approved", _("одобрена")
        REJECTED = "rejected", _("отклонена")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollment_requests"
    )
    cohort = models.ForeignKey(
        "lms.Cohort", on_delete=models.CASCADE, related_name="enrollment_requests"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("заявка на зачисление")
        verbose_name_plural = _("заявки на зачисление")
        constraints = [
            models.UniqueConstraint(fields=["user", "cohort"], name="one_request_per_cohort")
        ]


class LessonProgress(models.Model):
    """A learner finished a lesson. Kept even if the lesson page later disappears."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(
        LessonPage, on_delete=models.SET_NULL, null=True, related_name="progress"
    )
    lesson_title = models.CharField(max_length=255)
    completed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("пройденный урок")
        verbose_name_plural = _("пройденные уроки")
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="lesson_done_once")]

    def __str__(self) -> str:
        return f"{self.user}: {self.lesson_title}"
