"""Topic lists, replies and the boards index cost the same queries with more of them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community import services
from community.models import Reply, Topic
from tests.builders.community import cohort_topic
from tests.helpers import login


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(demo, topic, people, n=25):
    now = timezone.now()
    topics = Topic.objects.bulk_create(
        Topic(
            cohort=demo.cohort,
            author=people[i % 3],
            title=f"Тема {i}",
            body="Вопрос",
            created_at=now,
            last_activity_at=now,
            edited_at=now if i % 2 else None,
        )
        for i in range(n)
    )
    Reply.objects.bulk_create(
        [
            Reply(topic=t, author=people[i % 3], body="Ответ", created_at=now)
            for i, t in enumerate(topics)
        ]
        + [
            Reply(
                topic=topic, author=people[i % 3], body=f"Ответ {i}", created_at=now, edited_at=now
            )
            for i in range(n)
        ]
    )


def test_the_board_and_a_topic_read_in_a_fixed_number_of_queries(client, demo):
    people = [demo.users[k] for k in ("kuzbass_member", "omsk_member", "mentor")]
    topic = cohort_topic(demo)
    services.reply_to_topic(topic=topic, author=people[1], body="Первый ответ")
    board = f"/community/cohorts/{demo.cohort.id}/"
    page = f"/community/topics/{topic.id}/"
    urls = (board, page, "/community/")
    small = {}
    for who in ("kuzbass_captain", "admin"):
        login(client, demo.users[who])
        small[who] = [queries(client, url) for url in urls]
    grow(demo, topic, people)
    for who in ("kuzbass_captain", "admin"):
        login(client, demo.users[who])
        assert [queries(client, url) for url in urls] == small[who], who
    html = client.get(board).content.decode()
    assert html.count('class="topic') == 20  # a page of topics
    assert "?page=2" in html
    assert client.get(page).content.decode().count('class="panel reply') == 26
