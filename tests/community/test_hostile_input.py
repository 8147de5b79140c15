"""Hostile input on the boards and announcements never makes a 500, and markup comes out as
text, never as HTML."""

from hypothesis import given
from hypothesis import strategies as st

from community import services
from tests.builders.community import cohort_topic
from tests.helpers import login
from tests.test_fuzz import FUZZ, NASTY


@FUZZ
@given(fields=st.fixed_dictionaries({k: NASTY for k in ("title", "body", "reason", "reply")}))
def test_board_forms(client, demo, fields):
    topic = cohort_topic(demo)
    login(client, demo.users["admin"])
    for url in (
        f"/community/cohorts/{demo.cohort.id}/",
        f"/community/topics/{topic.id}/",
        f"/community/topics/{topic.id}/edit/",
        f"/community/topics/{topic.id}/answer/",
        f"/community/topics/{topic.id}/moderate/",
        f"/community/cohorts/{demo.cohort.id}/announce/",
    ):
        assert client.post(url, {**fields, "teams": fields["reply"]}).status_code < 500, url


def test_markup_in_a_post_is_shown_as_text(client, demo):
    topic = cohort_topic(demo, body="<img src=x onerror=alert(1)>\nвторая строка")
    services.reply_to_topic(topic=topic, author=demo.users["mentor"], body="<b>жирный</b>")
    login(client, demo.users["kuzbass_captain"])
    page = client.get(f"/community/topics/{topic.id}/").content.decode()
    assert "<img src=x" not in page and "&lt;img src=x" in page
    assert "&lt;b&gt;жирный&lt;/b&gt;" in page
    assert "onerror=alert(1)&gt;<br>вторая строка" in page
