"""The mentor sees what changed between two versions of a route."""

from django.urls import reverse

from assessments.services import (
    draft_of,
    review_route,
    save_route_draft,
    submit_route,
)
from tests.builders.routes import first_version, kuzbass_stops, points
from tests.helpers import login


def test_the_mentor_sees_what_changed_between_versions(client, demo, submitted_route):
    mentor, captain = demo.users["mentor"], demo.users["kuzbass_captain"]
    review_route(
        version=first_version(submitted_route),
        mentor=mentor,
        points=points(submitted_route),
        comment="Уберите обед",
        decision="return",
    )
    draft = draft_of(submitted_route)
    save_route_draft(
        design=submitted_route,
        user=captain,
        stops=kuzbass_stops(demo)[:2],
        lock_version=draft.lock_version,
        title="Уголь и азот",
        group_size=12,
    )
    submit_route(design=submitted_route, user=captain)
    login(client, mentor)
    page = client.get(reverse("assessments:diff", args=[submitted_route.id, 2])).content.decode()
    assert "Уголь, азот и рельсы" in page and "Уголь и азот" in page
    assert "убрана" in page and "Обед в кафе в центре Кемерова" in page
    login(client, demo.users["omsk_member"])
    assert client.get(reverse("assessments:diff", args=[submitted_route.id, 2])).status_code == 404
