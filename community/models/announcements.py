"""Announcements: an admin or a mentor writes to a cohort or to some of its teams. Who got
one is a row per person (so nobody gets it twice); each edit keeps the text it replaced."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Announcement(models.Model):
    cohort = models.ForeignKey(
        "lms.Cohort", verbose_name=_("поток"), on_delete=models.CASCADE, related_name="+"
    )
    # None of them: the whole cohort.
    teams = models.ManyToManyField(
        "lms.Team", verbose_name=_("команды"), blank=True, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("автор"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("заголовок"), max_length=200)
    body = models.TextField(_("текст"))
    created_at = models.DateTimeField(_("опубликовано"))
    edited_at = models.DateTimeField(_("изменено"), null=True, blank=True)

    class Meta:
        verbose_name = _("объявление")
        verbose_name_plural = _("объявления")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["cohort", "-created_at"])]

    def __str__(self) -> str:
        return self.title


class AnnouncementRecipient(models.Model):
    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="recipients"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="announcements_received"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "user"], name="announcement_reaches_a_person_once"
            )
        ]


class AnnouncementRevision(models.Model):
    """The text an edit replaced, who replaced it and when."""

    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="revisions"
    )
    title = models.CharField(max_length=200)
    body = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    edited_at = models.DateTimeField()

    class Meta:
        ordering = ["-edited_at", "-id"]
