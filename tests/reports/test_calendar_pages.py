"""The calendar's month and week pages, and what each person's calendar holds: their own
team's deadlines and visits, their mentored teams', an admin's confirmed bookings."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import RouteAssignmentPage
from assessments.services import (
    StopData,
    decide_booking,
    draft_of,
    extend_deadline,
    submit_route,
)
from core.calendar import CalendarEvent, events_for, register_events
from tests.builders.bookings import (
    VISIT_DAY,
    dated_submitted,
    redate_draft,
    team_of_another_cohort,
)
from tests.builders.feedback import return_route
from tests.builders.routes import kuzbass_team_of
from tests.helpers import login

pytestmark = pytest.mark.django_db

YEAR = (
    dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
    dt.datetime(2028, 1, 1, tzinfo=dt.UTC),
)


def _kinds(user, kind):
    return [e for e in events_for(user, *YEAR) if e.kind == kind]


def test_a_learner_never_sees_another_teams_visits(demo):
    kuzbass = dated_submitted(demo, kuzbass_team_of(demo))
    assert len(_kinds(demo.users["kuzbass_member"], "visit")) == 3
    assert _kinds(demo.users["omsk_member"], "visit") == []
    # The captain of another cohort's team sees only their own route's stops.
    other = dated_submitted(demo, team_of_another_cohort(demo))
    captain = other.team.memberships.get(role="captain").user
    uids = {e.uid for e in _kinds(captain, "visit")}
    assert uids and all(uid.startswith(f"route-{other.pk}-") for uid in uids)
    assert not any(uid.startswith(f"route-{kuzbass.pk}-") for uid in uids)


def test_the_mentor_sees_their_teams_deadlines_and_visits_named_by_team(demo):
    dated_submitted(demo, kuzbass_team_of(demo))
    RouteAssignmentPage.objects.filter(pk=demo.assignment.pk).update(
        deadline=dt.datetime(2027, 2, 1, 15, 0, tzinfo=dt.UTC)
    )
    mentor = demo.users["mentor"]
    deadlines = _kinds(mentor, "deadline")
    assert {e.title.rsplit(" — ", 1)[1] for e in deadlines} >= {"Команда Кузбасса"}
    visits = _kinds(mentor, "visit")
    assert len(visits) == 3 and all(e.title.endswith(" — Команда Кузбасса") for e in visits)


def test_a_visit_moves_with_a_new_submitted_version_and_keeps_its_uid(demo):
    design = dated_submitted(demo, kuzbass_team_of(demo))
    before = {e.uid: e.starts for e in _kinds(demo.users["kuzbass_member"], "visit")}
    # A draft saved after the submission is not the plan until it is submitted.
    same_stops = [StopData.of(s) for s in draft_of(design).stops.order_by("position")]
    redate_draft(demo, design, on=VISIT_DAY + dt.timedelta(days=1), stops=same_stops)
    assert {e.uid: e.starts for e in _kinds(demo.users["kuzbass_member"], "visit")} == before
    return_route(demo, design)  # the returned version stays the plan until the next is sent
    assert {e.uid: e.starts for e in _kinds(demo.users["kuzbass_member"], "visit")} == before
    submit_route(design=design, user=demo.users["kuzbass_captain"])
    after = {e.uid: e.starts for e in _kinds(demo.users["kuzbass_member"], "visit")}
    assert after == {uid: starts + dt.timedelta(days=1) for uid, starts in before.items()}


def test_the_admin_sees_confirmed_bookings_only(demo):
    design = dated_submitted(demo, team_of_another_cohort(demo))
    admin = demo.users["admin"]
    assert _kinds(admin, "booking") == []  # requested, not yet confirmed
    booking = design.bookings.order_by("arrival").first()
    decide_booking(booking=booking, by=admin, confirm=True)
    (event,) = _kinds(admin, "booking")
    assert event.uid == f"booking-{booking.pk}"
    assert event.starts.date() == VISIT_DAY and event.starts.hour == booking.arrival.hour
    assert booking.enterprise.name in event.title and design.team.name in event.title
    assert _kinds(demo.users["kuzbass_member"], "booking") == []
    assert _kinds(demo.users["mentor"], "booking") == []


def test_the_month_page_shows_the_deadline_on_its_day_with_a_link_and_today_marked(
    client, demo, time_machine
):
    time_machine.move_to(dt.datetime(2027, 3, 10, 9, 0, tzinfo=dt.UTC))
    RouteAssignmentPage.objects.filter(pk=demo.assignment.pk).update(
        deadline=dt.datetime(2027, 3, 20, 15, 0, tzinfo=dt.UTC)  # 18:00 in Moscow
    )
    login(client, demo.users["kuzbass_member"])
    page = client.get(reverse("calendar")).content.decode()
    assert "Календарь: Март 2027" in page
    assert 'aria-current="date"' in page and "сегодня" in page
    cell = page.split('<time datetime="2027-03-20">')[1].split("</td>")[0]
    assert f"Срок сдачи: {demo.assignment.title}" in cell and ">18:00 <abbr" in cell
    assert demo.assignment.url in cell
    assert "?month=2027-02" in page and "?month=2027-04" in page
    other = client.get(reverse("calendar"), {"month": "2027-04"}).content.decode()
    assert "Срок сдачи" not in other and 'aria-current="date"' not in other


def test_an_extension_moves_the_deadline_on_the_week_page(client, demo, time_machine):
    time_machine.move_to(dt.datetime(2027, 3, 10, 9, 0, tzinfo=dt.UTC))
    RouteAssignmentPage.objects.filter(pk=demo.assignment.pk).update(
        deadline=dt.datetime(2027, 3, 12, 15, 0, tzinfo=dt.UTC)
    )
    extend_deadline(
        team=kuzbass_team_of(demo),
        assignment=RouteAssignmentPage.objects.get(pk=demo.assignment.pk),
        until=dt.datetime(2027, 3, 19, 15, 0, tzinfo=dt.UTC),
        by=demo.users["admin"],
        reason="Тест",
    )
    login(client, demo.users["kuzbass_member"])
    this_week = client.get(reverse("calendar_week")).content.decode()
    assert "Срок сдачи" not in this_week
    next_week = client.get(reverse("calendar_week"), {"week": "2027-03-17"}).content.decode()
    day = next_week.split('id="day-2027-03-19"')[1].split("</li>\n<li")[0]
    assert "Срок сдачи" in day and "Срок продлён для команды." in day
    assert "?week=2027-03-08" in next_week and "?week=2027-03-22" in next_week


@pytest.mark.parametrize(
    ("name", "param", "value"),
    [
        ("calendar", "month", "2027-13"),
        ("calendar", "month", "1812-06"),
        ("calendar_week", "week", "not-a-date"),
        ("calendar_week", "week", "99999-01-01"),
    ],
)
def test_a_bad_month_or_week_is_a_400_with_a_message(client, demo, name, param, value):
    login(client, demo.users["kuzbass_member"])
    response = client.get(reverse(name), {param: value})
    assert response.status_code == 400
    assert "указывается" in response.content.decode()


def test_the_navigation_links_the_calendar_for_signed_in_people(client, demo):
    assert reverse("calendar") not in client.get(reverse("courses:search")).content.decode()
    login(client, demo.users["kuzbass_member"])
    page = client.get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("calendar")}"' in page and "Календарь" in page


def test_an_event_two_providers_give_is_listed_once_and_in_order(demo):
    now = timezone.now()

    def twice(user, start, end):
        event = CalendarEvent("test-twice", "Б", now, None, False, "test")
        return [
            event,
            event,
            CalendarEvent("test-first", "А", now - dt.timedelta(hours=1), None, False, "test"),
        ]

    from core import calendar

    register_events(twice)
    try:
        found = [
            e.uid
            for e in events_for(
                demo.users["kuzbass_member"], now - dt.timedelta(days=1), now + dt.timedelta(days=1)
            )
            if e.kind == "test"
        ]
    finally:
        calendar._PROVIDERS.remove(twice)
    assert found == ["test-first", "test-twice"]
