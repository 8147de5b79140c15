"""What a person wrote on the boards is in their data export; anonymising them takes their
name and their @handle out of other people's posts."""

import json

from community import services
from community.models import Reply
from lms.privacy import personal_data
from tests.builders.community import cohort_topic
from tests.helpers import login


def test_the_export_has_the_persons_topics_and_replies(client, demo):
    member = demo.users["kuzbass_member"]
    topic = cohort_topic(demo, author=member, title="Мой вопрос про каски")
    services.reply_to_topic(topic=topic, author=member, body="Уточняю вопрос")
    login(client, member)
    data = json.loads(client.get("/profile/data.json").content)
    assert [t["title"] for t in data["board_topics"]] == ["Мой вопрос про каски"]
    assert [r["body"] for r in data["board_replies"]] == ["Уточняю вопрос"]
    assert personal_data(demo.users["omsk_member"])["board_topics"] == []


def test_anonymising_takes_the_handle_out_of_other_peoples_posts(demo):
    from lms.services.privacy import anonymise_user

    captain = demo.users["kuzbass_captain"]
    topic = cohort_topic(demo)
    reply = services.reply_to_topic(
        topic=topic, author=demo.users["mentor"], body="@kuzbass.captain, посмотрите выше"
    )
    anonymise_user(captain, by=demo.users["admin"], reason="Заявление об отзыве согласия")
    body = Reply.objects.get(pk=reply.pk).body
    assert "kuzbass.captain" not in body and "посмотрите выше" in body
