from django.conf import settings
from django.db import models


class OutboxMessage(models.Model):
    """A Celery task recorded in the same transaction as the change that calls for it.

    It is handed to the broker after the commit; when the broker is down the row waits and
    the relay (beat, every minute) sends it once the broker is back. See core/outbox.py.
    """

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        # The table it had when the outbox lived in lms (moved by state-only migrations).
        db_table = "lms_outboxmessage"
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="outbox_pending",
            )
        ]

    def __str__(self):
        return f"{self.task} #{self.pk}"


class Notification(models.Model):
    """What the site tells a user (also e-mailed): reviews, invitations, reminders, certificates.
    Any app notifies through core.notifications.notify."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    subject = models.CharField(max_length=255)
    body = models.TextField()
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # The table it had when notifications lived in lms (moved by state-only migrations).
        db_table = "lms_notification"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]
