"""Topic lists, replies and the boards index cost the same queries with more of them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from community import services
from tests.builders.community import cohort_topic
from tests.helpers import login


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_board_and_a_topic_read_in_a_fixed_number_of_queries(client, demo):
    people = [demo.users[k] for k in ("kuzbass_member", "omsk_member", "mentor")]
    topic = cohort_topic(demo)
    services.reply_to_topic(topic=topic, author=people[1], body="Первый ответ")
    board = f"/community/cohorts/{demo.cohort.id}/"
    page = f"/community/topics/{topic.id}/"
    for who in ("kuzbass_captain", "admin"):
        login(client, demo.users[who])
        small = queries(client, board), queries(client, page), queries(client, "/community/")
        for n in range(25):
            other = cohort_topic(demo, author=people[n % 3], title=f"Тема {n}")
            services.reply_to_topic(topic=other, author=people[(n + 1) % 3], body="Ответ")
            services.reply_to_topic(topic=topic, author=people[n % 3], body=f"Ответ {n}")
        assert (
            queries(client, board),
            queries(client, page),
            queries(client, "/community/"),
        ) == small
        html = client.get(board).content.decode()
        assert html.count('class="topic') == 20  # a page of topics
        assert "?page=2" in html
