"""The transactional outbox: work is recorded with the change, sent once, kept while the
broker is down. The real broker outage is in tests/integration/test_faults.py."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from core import outbox
from core.models import OutboxMessage
from core.tasks import send_email
from lms import celery_app

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_rolled_back_change_leaves_no_work_behind(mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue(send_email, "a@example.ru", "Тема", "Текст")
        raise RuntimeError("the change fails")
    assert not OutboxMessage.objects.exists()
    assert mailoutbox == []


def test_committed_work_runs_once_and_a_relay_finds_nothing_left(mailoutbox):
    with transaction.atomic():
        message = outbox.enqueue(send_email, "a@example.ru", "Тема", "Текст")
        assert mailoutbox == []  # not before the commit
    assert [m.to for m in mailoutbox] == [["a@example.ru"]]
    message.refresh_from_db()
    assert message.sent_at is not None
    assert outbox.relay(older_than=dt.timedelta(0)) == 0
    assert outbox.dispatch([message.pk]) == 0
    assert len(mailoutbox) == 1


def test_a_broker_that_is_down_keeps_the_work_until_the_relay(monkeypatch, mailoutbox):
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    task_class = type(celery_app.tasks[send_email.name])
    calls = []

    def refused(self, args=None, kwargs=None, **options):
        calls.append(args)
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(task_class, "apply_async", refused)
    with transaction.atomic():
        outbox.enqueue_many(send_email, [["a@example.ru", "1", "x"], ["b@example.ru", "2", "y"]])
    # The first refusal stops the dispatch; both wait, with the reason.
    assert len(calls) == 1
    pending = OutboxMessage.objects.filter(sent_at__isnull=True)
    assert pending.count() == 2
    assert all(m.attempts == 1 and "refused" in m.last_error for m in pending)

    sent = []
    monkeypatch.setattr(
        task_class, "apply_async", lambda self, args=None, kwargs=None, **o: sent.append(args)
    )
    assert outbox.relay(older_than=dt.timedelta(0)) == 2
    assert sent == [["a@example.ru", "1", "x"], ["b@example.ru", "2", "y"]]
    assert outbox.relay(older_than=dt.timedelta(0)) == 0
    assert len(sent) == 2


def test_the_relay_leaves_fresh_messages_to_the_commit_and_forgets_old_sent_ones():
    fresh = OutboxMessage.objects.create(task="lms.tasks.send_email", args=["a@example.ru"])
    old = OutboxMessage.objects.create(
        task="lms.tasks.send_email", args=["b@example.ru"], sent_at=timezone.now()
    )
    OutboxMessage.objects.filter(pk=old.pk).update(sent_at=timezone.now() - dt.timedelta(days=8))
    assert outbox.relay() == 0  # younger than ten seconds: its own commit sends it
    assert OutboxMessage.objects.filter(pk=fresh.pk, sent_at__isnull=True).exists()
    assert not OutboxMessage.objects.filter(pk=old.pk).exists()


def test_a_message_for_an_unknown_task_is_kept_with_the_reason_and_blocks_nothing(
    monkeypatch,
):
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    task_class = type(celery_app.tasks[send_email.name])
    sent = []
    monkeypatch.setattr(
        task_class, "apply_async", lambda self, args=None, kwargs=None, **o: sent.append(args)
    )
    gone = OutboxMessage.objects.create(task="lms.tasks.renamed_long_ago", args=[1])
    mail = OutboxMessage.objects.create(task=send_email.name, args=["a@example.ru", "1", "x"])
    assert outbox.dispatch([gone.pk, mail.pk]) == 1
    assert sent == [["a@example.ru", "1", "x"]]
    gone.refresh_from_db()
    assert gone.sent_at is None and gone.last_error == "unknown task lms.tasks.renamed_long_ago"
    assert outbox.relay(older_than=dt.timedelta(0)) == 0  # not retried every minute
    assert len(sent) == 1
