"""Discussion boards: a cohort's (team None) and each team's private one. Topics with replies,
one reply marked as the answer by a mentor or an admin. Edits keep the replaced text as
revision rows; hiding, showing again and marking the answer are event rows."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Post(models.Model):
    """What a topic and a reply share: who wrote it, when, whether an admin hid it."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("автор"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(_("текст"))
    created_at = models.DateTimeField(_("написано"))
    edited_at = models.DateTimeField(_("изменено"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("скрыто"), null=True, blank=True)
    hidden_reason = models.TextField(_("причина"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Topic(Post):
    cohort = models.ForeignKey(
        "lms.Cohort", verbose_name=_("поток"), on_delete=models.CASCADE, related_name="+"
    )
    # Set: the team's private board; empty: the cohort's.
    team = models.ForeignKey(
        "lms.Team",
        verbose_name=_("команда"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("тема"), max_length=200)
    answer = models.ForeignKey(
        "Reply", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_activity_at = models.DateTimeField()

    class Meta:
        verbose_name = _("тема обсуждения")
        verbose_name_plural = _("темы обсуждений")
        ordering = ["-last_activity_at", "-id"]
        indexes = [models.Index(fields=["cohort", "team", "-last_activity_at"])]

    def __str__(self) -> str:
        return self.title


class Reply(Post):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="replies")

    class Meta:
        verbose_name = _("ответ в обсуждении")
        verbose_name_plural = _("ответы в обсуждениях")
        ordering = ["created_at", "id"]


class PostRevision(models.Model):
    """The text an edit replaced (of a topic or of a reply), who replaced it and when."""

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    edited_at = models.DateTimeField()

    class Meta:
        ordering = ["-edited_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(topic__isnull=False, reply__isnull=True)
                | models.Q(topic__isnull=True, reply__isnull=False),
                name="revision_of_a_topic_or_a_reply",
            )
        ]


class BoardEvent(models.Model):
    """A moderator's act on a topic or a reply: hidden (with the reason), shown again, marked
    as the answer or unmarked."""

    class Kind(models.TextChoices):
        HIDDEN = "hidden", _("скрыто модератором")
        SHOWN = "shown", _("показано снова")
        ANSWER = "answer", _("отмечено как ответ")
        UNANSWER = "unanswer", _("отметка ответа снята")

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="events")
    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    reason = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
