"""Every route URL × who asks: the team, another team, its mentor, another mentor, an admin."""

import pytest
from django.urls import reverse

from lms.services import user_create
from tests.builders.routes import accept_route
from tests.helpers import login

# (url name, extra args, method)
ROUTE_URLS = [
    ("assessments:studio", [], "get"),
    ("assessments:review", [], "get"),
    ("assessments:check", [], "post"),
    ("assessments:autosave", [], "post"),
    ("assessments:attach", [], "post"),
    ("assessments:peer_note", [], "post"),
    ("assessments:withdraw", [], "post"),
    ("assessments:handout", [], "get"),
    ("assessments:diff", [1], "get"),
]


@pytest.fixture
def outsider_mentor(demo):
    return user_create(
        email="other.mentor@example.com",
        password=None,
        last_name="Д",
        first_name="Д",
        roles=("mentor",),
    )


@pytest.mark.parametrize(("name", "extra", "method"), ROUTE_URLS)
@pytest.mark.parametrize("who", ["omsk_member", "omsk_captain", "outsider_mentor"])
def test_nobody_outside_the_team_and_its_mentors_reaches_a_route(
    client, demo, submitted_route, outsider_mentor, name, extra, method, who
):
    accept_route(demo, submitted_route)
    user = outsider_mentor if who == "outsider_mentor" else demo.users[who]
    login(client, user)
    url = reverse(name, args=[submitted_route.id, *extra])
    response = getattr(client, method)(url)
    assert response.status_code == 404, (name, who)


@pytest.mark.parametrize("who", ["kuzbass_member", "mentor", "admin"])
def test_the_team_its_mentor_and_admins_read_the_route(client, demo, submitted_route, who):
    accept_route(demo, submitted_route)
    login(client, demo.users[who])
    for name in ("assessments:review", "assessments:handout"):
        response = client.get(reverse(name, args=[submitted_route.id]))
        assert response.status_code == 200, (name, who)


@pytest.mark.parametrize("who", ["mentor", "admin"])
def test_only_team_members_edit(client, demo, submitted_route, who):
    login(client, demo.users[who])
    names = ("autosave", "attach", "peer_note", "withdraw")
    for name in (f"assessments:{n}" for n in names):
        assert client.post(reverse(name, args=[submitted_route.id])).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, demo, submitted_route):
    for name, extra, method in ROUTE_URLS:
        response = getattr(client, method)(reverse(name, args=[submitted_route.id, *extra]))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
