"""The calendar reads in a fixed number of queries: more teams, routes, stops, extensions
and bookings do not add any, for a learner, a mentor or an admin, on the pages and the feed."""

import datetime as dt

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import RouteAssignmentPage
from assessments.services import decide_booking, extend_deadline
from core.calendar import events_for
from reports.services import create_calendar_feed
from tests.builders.bookings import VISIT_DAY, dated_submitted, team_of_another_cohort
from tests.builders.routes import kuzbass_team_of
from tests.helpers import login

pytestmark = pytest.mark.django_db

WINDOW = (
    dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
    dt.datetime(2028, 1, 1, tzinfo=dt.UTC),
)


def _grow(demo, n: int, *, first_day: dt.date) -> None:
    """`n` more teams of the mentor's with dated submitted routes, each with an extension and
    its first booking confirmed (on days of their own, so the sites can take them all)."""
    assignment = RouteAssignmentPage.objects.get(pk=demo.assignment.pk)
    for i in range(n):
        team = team_of_another_cohort(demo, name=f"Команда роста {first_day:%d} {i}")
        team.mentor = demo.users["mentor"]
        team.save()
        design = dated_submitted(demo, team, on=first_day + dt.timedelta(days=7 * i))
        extend_deadline(
            team=team,
            assignment=assignment,
            until=assignment.deadline + dt.timedelta(days=i + 1),
            by=demo.users["admin"],
            reason="Тест",
        )
        booking = design.bookings.order_by("arrival").first()
        decide_booking(booking=booking, by=demo.users["admin"], confirm=True)


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_events_read_in_a_fixed_number_of_queries_as_data_grows(demo):
    RouteAssignmentPage.objects.filter(pk=demo.assignment.pk).update(
        deadline=dt.datetime(2027, 2, 1, 15, 0, tzinfo=dt.UTC)
    )
    dated_submitted(demo, kuzbass_team_of(demo))
    people = [demo.users[k] for k in ("kuzbass_member", "mentor", "admin")]
    _grow(demo, 1, first_day=VISIT_DAY)

    def read(user):
        user = type(user).objects.get(pk=user.pk)  # roles read afresh, as in a request
        return lambda: events_for(user, *WINDOW)

    for user in people:  # once, so the site's root paths and titles are in the cache
        read(user)()
    small = {u.email: _queries(read(u)) for u in people}
    few = {u.email: len(events_for(u, *WINDOW)) for u in people}
    _grow(demo, 4, first_day=VISIT_DAY + dt.timedelta(days=1))
    large = {u.email: _queries(read(u)) for u in people}
    many = {u.email: len(events_for(u, *WINDOW)) for u in people}
    assert large == small
    mentor, admin = demo.users["mentor"].email, demo.users["admin"].email
    assert many[mentor] > few[mentor] and many[admin] > few[admin]  # the data did grow
    assert max(small.values()) <= 14


def test_the_pages_and_the_feed_read_in_a_fixed_number_of_queries(client, demo):
    mentor = demo.users["mentor"]
    _feed, key = create_calendar_feed(user=mentor)
    login(client, mentor)
    urls = [
        reverse("calendar") + "?month=2027-06",
        reverse("calendar_week") + f"?week={VISIT_DAY}",
        reverse("calendar_feed", args=[key]),
    ]
    _grow(demo, 1, first_day=VISIT_DAY)
    with override_settings(RATE_LIMITS=False):
        for url in urls:  # once, so the session, the site and the titles are in the cache
            client.get(url)
        small = [_queries(lambda u=u: client.get(u)) for u in urls]
        _grow(demo, 3, first_day=VISIT_DAY + dt.timedelta(days=1))
        large = [_queries(lambda u=u: client.get(u)) for u in urls]
        assert all(client.get(u).status_code == 200 for u in urls)
    assert large == small
