"""The boards: the cohort's open to its people, a team's only to its members, its mentors and
admins; moderation hides from learners only; edits kept; answers marked by mentors."""

import pytest
from django.core.exceptions import PermissionDenied

from community import services
from community.models import BoardEvent, PostRevision
from tests.builders.community import cohort_topic, kuzbass, omsk, team_topic
from tests.helpers import login


def test_a_team_board_is_closed_to_other_teams(client, demo):
    topic = team_topic(demo, title="Наш черновик маршрута")
    board = f"/community/teams/{kuzbass(demo).id}/"
    login(client, demo.users["omsk_member"])
    assert client.get(board).status_code == 404
    assert client.get(f"/community/topics/{topic.id}/").status_code == 404
    reply = f"/community/topics/{topic.id}/"
    assert client.post(reply, {"body": "Подсмотрел"}).status_code == 404
    assert topic.replies.count() == 0
    with pytest.raises(PermissionDenied):
        services.reply_to_topic(topic=topic, author=demo.users["omsk_member"], body="x")
    for who in ("kuzbass_member", "mentor", "admin"):
        login(client, demo.users[who])
        assert "Наш черновик маршрута" in client.get(board).content.decode(), who


def test_a_hidden_reply_disappears_for_learners_and_stays_marked_for_admins(client, demo):
    topic = cohort_topic(demo)
    reply = services.reply_to_topic(
        topic=topic, author=demo.users["omsk_member"], body="Реклама турфирмы"
    )
    login(client, demo.users["admin"])
    response = client.post(
        f"/community/topics/{topic.id}/moderate/",
        {"reply": reply.id, "action": "hide", "reason": "Реклама"},
    )
    assert response.status_code == 302
    assert BoardEvent.objects.filter(reply=reply, kind="hidden", reason="Реклама").exists()
    page = client.get(f"/community/topics/{topic.id}/").content.decode()
    assert "Реклама турфирмы" in page and "Скрыто от слушателей" in page
    login(client, demo.users["kuzbass_captain"])
    assert "Реклама турфирмы" not in client.get(f"/community/topics/{topic.id}/").content.decode()


def test_a_hidden_topic_is_gone_for_learners_and_listed_for_admins(client, demo):
    topic = cohort_topic(demo, title="Продам каску")
    services.moderate_post(topic=topic, by=demo.users["admin"], hide=True, reason="Не по теме")
    board = f"/community/cohorts/{demo.cohort.id}/"
    login(client, demo.users["kuzbass_captain"])
    assert "Продам каску" not in client.get(board).content.decode()
    assert client.get(f"/community/topics/{topic.id}/").status_code == 404
    login(client, demo.users["admin"])
    assert "Продам каску" in client.get(board).content.decode()
    assert "Не по теме" in client.get(f"/community/topics/{topic.id}/").content.decode()


def test_only_admins_hide_and_a_reason_is_required(client, demo):
    topic = cohort_topic(demo)
    url = f"/community/topics/{topic.id}/moderate/"
    login(client, demo.users["mentor"])
    assert client.post(url, {"action": "hide", "reason": "x"}).status_code == 403
    login(client, demo.users["admin"])
    response = client.post(url, {"action": "hide", "reason": "  "})
    assert response.status_code == 400
    assert "Укажите причину" in response.content.decode()
    topic.refresh_from_db()
    assert not topic.is_hidden


def test_a_mention_notifies_the_person_once_and_an_edit_only_the_newly_mentioned(demo):
    from core.models import Notification

    captain, member = demo.users["kuzbass_captain"], demo.users["omsk_member"]
    topic = cohort_topic(demo, body="@kuzbass.captain, подскажите! И ещё раз @kuzbass.captain.")
    assert Notification.objects.filter(user=captain, kind="board_mention").count() == 1
    reply = services.reply_to_topic(
        topic=topic, author=demo.users["mentor"], body="Ответ для @kuzbass.captain"
    )
    assert Notification.objects.filter(user=captain, kind="board_mention").count() == 2
    services.edit_reply(
        reply=reply, by=demo.users["mentor"], body="Ответ для @kuzbass.captain и @omsk.member"
    )
    assert Notification.objects.filter(user=captain, kind="board_mention").count() == 2
    assert Notification.objects.filter(user=member, kind="board_mention").count() == 1


def test_a_team_board_mentions_only_its_own_people(demo):
    from core.models import Notification

    team_topic(demo, body="@omsk.member, это не для вас")
    assert (
        not Notification.objects.filter(user=demo.users["omsk_member"])
        .filter(kind="board_mention")
        .exists()
    )


def test_an_edit_is_kept_and_the_page_says_changed(client, demo):
    author = demo.users["kuzbass_member"]
    topic = cohort_topic(demo, author=author, title="Каски", body="Нужны ли каски?")
    login(client, author)
    response = client.post(
        f"/community/topics/{topic.id}/edit/",
        {"title": "Каски и очки", "body": "Нужны ли каски и очки?"},
    )
    assert response.status_code == 302
    revision = PostRevision.objects.get(topic=topic)
    assert (revision.title, revision.body, revision.edited_by) == (
        "Каски",
        "Нужны ли каски?",
        author,
    )
    page = client.get(f"/community/topics/{topic.id}/").content.decode()
    assert "Нужны ли каски и очки?" in page and "изменено" in page
    login(client, demo.users["omsk_member"])
    edit = f"/community/topics/{topic.id}/edit/"
    assert client.post(edit, {"title": "Чужое", "body": "x"}).status_code == 403


def test_only_a_mentor_or_an_admin_marks_the_answer(client, demo):
    topic = cohort_topic(demo)
    reply = services.reply_to_topic(
        topic=topic, author=demo.users["omsk_captain"], body="Нужно письмо на завод"
    )
    url = f"/community/topics/{topic.id}/answer/"
    login(client, demo.users["kuzbass_member"])  # the topic's own author
    assert client.post(url, {"reply": reply.id}).status_code == 403
    topic.refresh_from_db()
    assert topic.answer_id is None
    login(client, demo.users["mentor"])
    assert client.post(url, {"reply": reply.id}).status_code == 302
    topic.refresh_from_db()
    assert topic.answer_id == reply.id
    assert BoardEvent.objects.filter(topic=topic, kind="answer", by=demo.users["mentor"]).exists()
    assert "Ответ на вопрос" in client.get(f"/community/topics/{topic.id}/").content.decode()


def test_an_empty_reply_is_a_400_in_russian_that_keeps_nothing_and_loses_nothing(client, demo):
    topic = cohort_topic(demo)
    login(client, demo.users["omsk_member"])
    response = client.post(f"/community/topics/{topic.id}/", {"body": "   "})
    assert response.status_code == 400
    assert "Напишите текст сообщения." in response.content.decode()
    board = f"/community/cohorts/{demo.cohort.id}/"
    response = client.post(board, {"title": "", "body": "Длинный вопрос, который жалко потерять"})
    assert response.status_code == 400
    assert "Длинный вопрос, который жалко потерять" in response.content.decode()
    assert topic.replies.count() == 0


def test_the_nav_link_is_for_people_in_a_cohort(client, demo):
    from lms.services import user_create

    login(client, demo.users["kuzbass_member"])
    assert 'href="/community/"' in client.get("/dashboard/").content.decode()
    outsider = user_create(
        email="nobody@demo.test", password=None, last_name="Никто", first_name="Иван"
    )
    login(client, outsider)
    assert 'href="/community/"' not in client.get("/dashboard/").content.decode()


def test_other_teams_boards_are_not_listed(client, demo):
    login(client, demo.users["omsk_member"])
    page = client.get("/community/").content.decode()
    assert f"/community/teams/{omsk(demo).id}/" in page
    assert f"/community/teams/{kuzbass(demo).id}/" not in page
