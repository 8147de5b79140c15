"""The personal iCal feed: created and revoked from its settings page (rows kept), public by
its secret only, parsed by icalendar with each deadline in its assignment's zone."""

import datetime as dt
import zoneinfo
from urllib.parse import urlsplit

import icalendar
import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from assessments.models import RouteAssignmentPage
from assessments.services import extend_deadline
from reports.models import CalendarFeed
from reports.services import create_calendar_feed, revoke_calendar_feed
from tests.builders.bookings import VISIT_DAY, dated_submitted
from tests.builders.routes import kuzbass_team_of
from tests.helpers import login

NOVOSIBIRSK = zoneinfo.ZoneInfo("Asia/Novosibirsk")


def _feed_path(user) -> str:
    _feed, key = create_calendar_feed(user=user)
    return reverse("calendar_feed", args=[key])


def _events(response) -> dict[str, icalendar.Event]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _deadline_in_novosibirsk(demo):
    """The assignment due 18:00 on 15 January next by Novosibirsk time."""
    RouteAssignmentPage.objects.filter(pk=demo.assignment.pk).update(
        time_zone="Asia/Novosibirsk",
        deadline=dt.datetime(2027, 1, 15, 18, 0, tzinfo=NOVOSIBIRSK),
    )
    return RouteAssignmentPage.objects.get(pk=demo.assignment.pk)


@pytest.mark.django_db
def test_the_feed_carries_the_teams_deadline_in_the_assignments_zone_and_an_extension_moves_it(
    client, demo, time_machine
):
    time_machine.move_to(dt.datetime(2027, 1, 5, 12, 0, tzinfo=dt.UTC))
    assignment = _deadline_in_novosibirsk(demo)
    team = kuzbass_team_of(demo)
    path = _feed_path(demo.users["kuzbass_member"])
    uid = f"deadline-{assignment.pk}-team-{team.pk}@{urlsplit(settings.SITE_URL).hostname}"

    event = _events(client.get(path))[uid]
    start = event.decoded("DTSTART")
    assert start == dt.datetime(2027, 1, 15, 18, 0, tzinfo=NOVOSIBIRSK)
    assert str(start.tzinfo) == "Asia/Novosibirsk"  # kept in its zone, not turned into UTC
    assert event.get("DTSTAMP") is not None
    assert str(event["SUMMARY"]) == f"Срок сдачи: {assignment.title}"
    body = client.get(path).content.decode()
    assert "BEGIN:VTIMEZONE" in body and "TZID:Asia/Novosibirsk" in body
    assert "DTSTART;TZID=Asia/Novosibirsk:20270115T180000" in body
    assert "X-PUBLISHED-TTL:PT1H" in body and "REFRESH-INTERVAL" in body
    calendar_uid = icalendar.Calendar.from_ical(body)["UID"]
    assert icalendar.Calendar.from_ical(client.get(path).content)["UID"] == calendar_uid

    extend_deadline(
        team=team,
        assignment=assignment,
        until=dt.datetime(2027, 1, 20, 12, 30, tzinfo=NOVOSIBIRSK),
        by=demo.users["admin"],
        reason="Болезнь капитана",
    )
    moved = _events(client.get(path))[uid]  # the same UID: the subscribed event moves
    assert moved.decoded("DTSTART") == dt.datetime(2027, 1, 20, 12, 30, tzinfo=NOVOSIBIRSK)
    assert "DTSTART;TZID=Asia/Novosibirsk:20270120T123000" in client.get(path).content.decode()
    # Another team of the cohort keeps the assignment's deadline.
    omsk = _events(client.get(_feed_path(demo.users["omsk_member"])))
    (omsk_deadline,) = [e for u, e in omsk.items() if u.startswith("deadline-")]
    assert omsk_deadline.decoded("DTSTART") == dt.datetime(2027, 1, 15, 18, 0, tzinfo=NOVOSIBIRSK)


@pytest.mark.django_db
def test_the_summary_is_in_the_owners_language(client, demo, time_machine):
    time_machine.move_to(dt.datetime(2027, 1, 5, 12, 0, tzinfo=dt.UTC))
    _deadline_in_novosibirsk(demo)
    learner = demo.users["kuzbass_member"]
    learner.language = "en"
    learner.save()
    with translation.override("ru"):  # whatever the request's language
        events = _events(client.get(_feed_path(learner)))
    (deadline,) = [e for u, e in events.items() if u.startswith("deadline-")]
    assert str(deadline["SUMMARY"]).startswith("Deadline: ")


@pytest.mark.django_db
def test_planned_visits_come_at_their_sites_local_time_with_a_stable_uid(client, demo):
    design = dated_submitted(demo, kuzbass_team_of(demo))
    captain = demo.users["kuzbass_captain"]
    with override_settings(RATE_LIMITS=False):
        path = _feed_path(captain)
        first = _events(client.get(path))
        again = _events(client.get(path))
    visits = {u: e for u, e in first.items() if u.startswith(f"route-{design.pk}-stop-")}
    assert len(visits) == 3 and set(visits) <= set(again)
    starts = sorted(e.decoded("DTSTART") for e in visits.values())
    zone = zoneinfo.ZoneInfo(kuzbass_team_of(demo).region.time_zone)
    assert starts[0] == dt.datetime.combine(VISIT_DAY, dt.time(10, 0), tzinfo=zone)
    summaries = {str(e["SUMMARY"]) for e in visits.values()}
    assert "Посещение: Кедровский угольный разрез" in summaries
    coal = next(e for e in visits.values() if "Кедровский" in str(e["SUMMARY"]))
    assert coal.decoded("DTEND") - coal.decoded("DTSTART") == dt.timedelta(minutes=90)
    assert "Заявка на посещение: заявка." in str(coal["DESCRIPTION"])
    assert str(coal["URL"]).endswith(reverse("assessments:studio", args=[design.pk]))


@pytest.mark.django_db
def test_a_revoked_or_unknown_feed_address_answers_404_and_the_row_stays(client, demo):
    learner = demo.users["kuzbass_member"]
    path = _feed_path(learner)
    assert client.get(path).status_code == 200
    assert revoke_calendar_feed(user=learner) == 1
    assert client.get(path).status_code == 404
    assert client.get(reverse("calendar_feed", args=["not-a-key"])).status_code == 404
    row = CalendarFeed.objects.get(user=learner)
    assert row.revoked_at is not None and row.last_used_at is not None


@pytest.mark.django_db
def test_a_new_address_stops_the_old_one_and_keeps_both_rows(client, demo):
    learner = demo.users["kuzbass_member"]
    old = _feed_path(learner)
    new = _feed_path(learner)
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert CalendarFeed.objects.filter(user=learner).count() == 2
    assert CalendarFeed.objects.filter(user=learner, revoked_at__isnull=True).count() == 1


@pytest.mark.django_db
def test_a_deactivated_account_has_no_feed(client, demo):
    learner = demo.users["kuzbass_member"]
    path = _feed_path(learner)
    learner.is_active = False
    learner.save()
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_the_settings_page_shows_a_new_address_once_and_revokes_it(client, demo):
    learner = demo.users["kuzbass_member"]
    login(client, learner)
    page = reverse("calendar_feed_settings")
    assert "Действующего адреса нет." in client.get(page).content.decode()
    response = client.post(page, {"action": "create"})
    assert response.status_code == 302
    shown = client.get(page).content.decode()
    assert "Ваш новый адрес" in shown and ".ics" in shown
    address = shown.split('id="feed-address" type="text" readonly value="')[1].split('"')[0]
    assert client.get(address).status_code == 200
    assert "Ваш новый адрес" not in client.get(page).content.decode()  # shown once
    assert client.post(page, {"action": "revoke"}).status_code == 302
    assert client.get(address).status_code == 404
    after = client.get(page).content.decode()
    assert "Действующего адреса нет." in after and "отозван" in after


@pytest.mark.django_db
def test_an_unknown_action_is_refused_with_a_message(client, demo):
    login(client, demo.users["kuzbass_member"])
    response = client.post(reverse("calendar_feed_settings"), {"action": "drop"})
    assert response.status_code == 400
    assert "Выберите действие" in response.content.decode()
    assert not CalendarFeed.objects.exists()


@pytest.mark.django_db
def test_the_profile_links_to_the_feed_settings(client, demo):
    login(client, demo.users["kuzbass_member"])
    assert reverse("calendar_feed_settings") in client.get(reverse("profile")).content.decode()


@pytest.mark.django_db
@override_settings(RATE_LIMITS=True)
def test_the_feed_is_rate_limited_per_client(client, demo, monkeypatch):
    from reports.views.calendar import FEED_PER_MINUTE

    monkeypatch.setattr("core.ratelimit.window", lambda: "one-minute")  # never a new minute
    path = reverse("calendar_feed", args=["guessing"])
    answers = [client.get(path).status_code for _ in range(FEED_PER_MINUTE + 1)]
    assert answers[:FEED_PER_MINUTE] == [404] * FEED_PER_MINUTE
    assert answers[-1] == 429


@pytest.mark.django_db
def test_the_personal_data_export_lists_the_addresses_and_anonymising_revokes_them(client, demo):
    from lms.services.privacy import anonymise_user

    learner = demo.users["kuzbass_member"]
    path = _feed_path(learner)
    login(client, learner)
    exported = client.get(reverse("my_data")).content.decode()
    assert '"calendar_feeds"' in exported and '"revoked_at": null' in exported
    assert path.rsplit("/", 1)[1].removesuffix(".ics") not in exported  # never the key
    anonymise_user(learner, by=demo.users["admin"], reason="Заявление об удалении данных")
    assert client.get(path).status_code == 404
    assert CalendarFeed.objects.get(user=learner).revoked_at is not None
