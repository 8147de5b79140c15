"""A database made by the previous layout (the outbox in lms) migrates forward: the table and
its rows stay, now read through core."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.models import OutboxMessage

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
    _migrate(executor.loader.graph.leaf_nodes())
    moved = OutboxMessage.objects.get(pk=waiting.pk)
    assert moved.task == "lms.tasks.send_email" and moved.sent_at is None
    assert moved.args == ["a@example.ru", "Тема", "Текст"]
    assert OutboxMessage._meta.db_table == "lms_outboxmessage"
