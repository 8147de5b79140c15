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
