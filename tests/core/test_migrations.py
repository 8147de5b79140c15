"""A database made by the previous layout (the outbox and notifications in lms) migrates
forward: the tables and their rows stay, now read through core."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.models import Notification, OutboxMessage

pytestmark = pytest.mark.django_db(transaction=True)

OLD_LAYOUT = [("core", None), ("lms", "0008_outbox")]


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()  # what is applied now
    return executor


def test_an_outbox_written_by_the_old_layout_is_read_by_core_after_migrating():
    executor = _migrate(OLD_LAYOUT)
    assert ("core", "0001_initial") not in executor.loader.applied_migrations
    old = executor.loader.project_state(("lms", "0008_outbox"), at_end=True).apps
    assert "outboxmessage" in old.all_models["lms"] and "core" not in old.all_models
    waiting = old.get_model("lms", "OutboxMessage").objects.create(
        task="lms.tasks.send_email", args=["a@example.ru", "Тема", "Текст"]
    )
    reader = old.get_model("lms", "User").objects.create(email="old@example.ru", password="!")
    told = old.get_model("lms", "Notification").objects.create(
        user=reader, kind="review_published", subject="Маршрут проверен", body="Текст"
    )
    _migrate(executor.loader.graph.leaf_nodes())
    notice = Notification.objects.get(pk=told.pk)
    assert (notice.user.email, notice.subject, notice.read_at) == (
        "old@example.ru",
        "Маршрут проверен",
        None,
    )
    assert Notification._meta.db_table == "lms_notification"
    from reports.models import ApiToken

    assert ApiToken.user_for("no such token") is None  # its table is read through reports
    assert ApiToken._meta.db_table == "lms_apitoken"
    moved = OutboxMessage.objects.get(pk=waiting.pk)
    assert moved.task == "lms.tasks.send_email" and moved.sent_at is None
    assert moved.args == ["a@example.ru", "Тема", "Текст"]
    assert OutboxMessage._meta.db_table == "lms_outboxmessage"
