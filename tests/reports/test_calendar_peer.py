"""The peer stage in the calendar: when the peer review between teams opens and closes, in
each cohort of the person's teams (every running cohort for an admin), in the feed too."""

import datetime as dt
import zoneinfo
from urllib.parse import urlsplit

import icalendar
import pytest
from django.conf import settings
from django.urls import reverse

from core.calendar import events_for
from reports.services import create_calendar_feed
from tests.builders.bookings import team_of_another_cohort
from tests.builders.peer import peer_assignment

pytestmark = pytest.mark.django_db

NOVOSIBIRSK = zoneinfo.ZoneInfo("Asia/Novosibirsk")
OPENS = dt.datetime(2027, 2, 1, 9, 0, tzinfo=NOVOSIBIRSK)
CLOSES = dt.datetime(2027, 2, 8, 18, 0, tzinfo=NOVOSIBIRSK)
WINDOW = (dt.datetime(2027, 1, 1, tzinfo=dt.UTC), dt.datetime(2027, 3, 1, tzinfo=dt.UTC))


def _peer_stage(demo):
    demo.assignment.time_zone = "Asia/Novosibirsk"
    demo.assignment.deadline = dt.datetime(2027, 1, 25, 18, 0, tzinfo=NOVOSIBIRSK)
    return peer_assignment(demo, peer_review_opens=OPENS, peer_review_closes=CLOSES)


def _peer(user):
    return {e.uid: e for e in events_for(user, *WINDOW) if e.kind == "peer_review"}


def test_a_learner_sees_the_peer_review_open_and_close_in_the_assignments_zone(demo):
    assignment = _peer_stage(demo)
    events = _peer(demo.users["kuzbass_member"])
    opens = events[f"peer-{assignment.pk}-cohort-{demo.cohort.pk}-opens"]
    closes = events[f"peer-{assignment.pk}-cohort-{demo.cohort.pk}-closes"]
    assert opens.starts == OPENS and str(opens.starts.tzinfo) == "Asia/Novosibirsk"
    assert closes.starts == CLOSES
    assert assignment.title in opens.title and "открывается" in opens.title
    assert opens.url == reverse("assessments:peer_reviews", args=[assignment.pk])


def test_without_a_peer_stage_there_is_nothing_and_without_its_own_date_it_opens_at_the_deadline(
    demo,
):
    assert _peer(demo.users["kuzbass_member"]) == {}
    assignment = _peer_stage(demo)
    assignment.peer_review_opens = None
    assignment.save()
    opens = _peer(demo.users["kuzbass_member"])[
        f"peer-{assignment.pk}-cohort-{demo.cohort.pk}-opens"
    ]
    assert opens.starts == assignment.deadline


def test_each_cohort_has_its_own_events_and_an_admin_sees_every_running_cohorts(demo):
    assignment = _peer_stage(demo)
    other = team_of_another_cohort(demo)
    captain = other.memberships.get(role="captain").user
    theirs = _peer(captain)
    assert theirs and all(f"-cohort-{other.cohort_id}-" in uid for uid in theirs)
    ours = _peer(demo.users["kuzbass_member"])
    assert ours and all(f"-cohort-{demo.cohort.pk}-" in uid for uid in ours)
    admin = _peer(demo.users["admin"])
    assert set(ours) | set(theirs) <= set(admin)
    assert all(assignment.title in e.title for e in admin.values())


def test_the_feed_carries_the_peer_stage(client, demo, time_machine):
    time_machine.move_to(dt.datetime(2027, 1, 20, 12, 0, tzinfo=dt.UTC))
    assignment = _peer_stage(demo)
    _feed, key = create_calendar_feed(user=demo.users["kuzbass_member"])
    response = client.get(reverse("calendar_feed", args=[key]))
    host = urlsplit(settings.SITE_URL).hostname
    events = {
        str(e["UID"]): e for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    }
    event = events[f"peer-{assignment.pk}-cohort-{demo.cohort.pk}-closes@{host}"]
    assert event.decoded("DTSTART") == CLOSES
