"""A transactional outbox for Celery tasks.

`enqueue` writes the task as a row in the caller's transaction, so the change and the
promise of work commit or roll back together. After the commit the row is handed to the
broker at once. If the broker does not answer, the request still succeeds; the row stays
pending and `relay` (a beat task every minute, or `manage.py relay_outbox`) sends it when
the broker is back. Rows are claimed under a row lock, so two relays never send one
message twice; a crash between publishing and marking can repeat a message, which is why
every task behind the outbox is idempotent.
"""

import logging
from datetime import timedelta
from functools import partial

from celery import current_app
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from .models import OutboxMessage

logger = logging.getLogger(__name__)
KEEP_SENT = timedelta(days=7)
BROKER_ERRORS = (BrokerError, ConnectionError, TimeoutError)
UNKNOWN_TASK = "unknown task"


def enqueue(task, *args, **kwargs) -> OutboxMessage:
    """Record `task(*args, **kwargs)`; it goes to the broker when the transaction commits."""
    message = OutboxMessage.objects.create(task=task.name, args=list(args), kwargs=kwargs)
    transaction.on_commit(partial(dispatch, [message.pk]))
    return message


def enqueue_many(task, arg_lists) -> list[OutboxMessage]:
    """Record one task per argument list, in one INSERT."""
    messages = OutboxMessage.objects.bulk_create(
        [OutboxMessage(task=task.name, args=list(args)) for args in arg_lists], batch_size=500
    )
    transaction.on_commit(partial(dispatch, [m.pk for m in messages]))
    return messages


def dispatch(pks) -> int:
    """Send the pending messages among `pks`; return how many went to the broker."""
    if current_app.conf.task_always_eager:
        return _run_in_process(pks)
    sent = 0
    for start in range(0, len(pks), 200):
        chunk = pks[start : start + 200]
        with transaction.atomic():
            claimed = list(
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(pk__in=chunk, sent_at__isnull=True)
                .order_by("pk")
            )
            count, failed = _publish(claimed)
            sent += count
        if failed:
            break  # the broker is down: the relay sends the rest
    return sent


def relay(older_than: timedelta = timedelta(seconds=10), limit: int = 5000) -> int:
    """Send what is still pending (the broker was down), and forget what was sent long ago."""
    cutoff = timezone.now() - older_than
    pks = list(
        OutboxMessage.objects.filter(sent_at__isnull=True, created_at__lte=cutoff)
        .exclude(last_error__startswith=UNKNOWN_TASK)  # left for a person to look at
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = dispatch(pks) if pks else 0
    OutboxMessage.objects.filter(sent_at__lt=timezone.now() - KEEP_SENT).delete()
    return sent


def _publish(messages) -> tuple[int, bool]:
    """Hand the claimed messages to the broker in order; stop at the first broker error."""
    sent = []
    for index, message in enumerate(messages):
        task = current_app.tasks.get(message.task)
        if task is None:  # renamed or removed in a release: keep it, say why, go on
            logger.error("no task %s registered; %s stays in the outbox", message.task, message)
            OutboxMessage.objects.filter(pk=message.pk).update(
                attempts=F("attempts") + 1, last_error=f"{UNKNOWN_TASK} {message.task}"
            )
            continue
        try:
            task.apply_async(message.args, message.kwargs, retry=False)
        except BROKER_ERRORS as exc:
            logger.warning("broker unavailable, %s stays in the outbox: %s", message, exc)
            OutboxMessage.objects.filter(pk__in=[m.pk for m in messages[index:]]).update(
                attempts=F("attempts") + 1, last_error=str(exc)[:500]
            )
            _mark_sent(sent)
            return len(sent), True
        sent.append(message.pk)
    _mark_sent(sent)
    return len(sent), False


def _mark_sent(pks) -> None:
    if pks:
        OutboxMessage.objects.filter(pk__in=pks).update(sent_at=timezone.now())


def _run_in_process(pks) -> int:
    """No broker (the demo, most tests): run each task here, once, in order."""
    ran = 0
    for message in OutboxMessage.objects.filter(pk__in=pks, sent_at__isnull=True).order_by("pk"):
        claimed = OutboxMessage.objects.filter(pk=message.pk, sent_at__isnull=True).update(
            sent_at=timezone.now(), attempts=1
        )
        if claimed:
            current_app.tasks[message.task].apply_async(message.args, message.kwargs)
            ran += 1
    return ran
