"""The boards in English: the page's own words and the form's messages."""

from tests.builders.community import cohort_topic
from tests.courses.test_english import in_english
from tests.helpers import login


def test_the_board_and_its_errors_read_in_english(client, demo):
    topic = cohort_topic(demo)
    login(client, demo.users["omsk_member"])
    in_english(client)
    board = f"/community/cohorts/{demo.cohort.id}/"
    page = client.get(board).content.decode()
    assert "Discussion of the cohort" in page and "How to mention someone" in page
    assert ">Discussions<" in page  # the navigation's link
    response = client.post(board, {"title": "", "body": "Текст"})
    assert response.status_code == 400
    assert "Write a title." in response.content.decode()
    response = client.post(f"/community/topics/{topic.id}/", {"body": " "})
    assert "Write the message." in response.content.decode()
