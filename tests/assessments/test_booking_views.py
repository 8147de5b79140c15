"""The admin's calendar of site bookings (confirm, decline with a note, validation) and the
team's view of each request's state in the studio."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.models import SiteBooking
from tests.builders.bookings import booking_at, dated_submitted, team_of_another_cohort
from tests.builders.routes import kuzbass_team_of

URL = "/bookings/"


@pytest.fixture
def requested(demo):
    design = dated_submitted(demo, kuzbass_team_of(demo), group_size=18)
    return design, booking_at(design, demo.enterprises["КАО «Азот»"])


def test_the_admin_sees_requests_by_enterprise_and_day_across_cohorts(client, demo, requested):
    dated_submitted(demo, team_of_another_cohort(demo), group_size=12)
    client.force_login(demo.users["admin"])
    page = client.get(URL, {"since": "2027-06-01"}).content.decode()
    assert 'href="/bookings/"' in page and "<span>Посещения</span>" in page  # the admin's menu
    assert "Команда Кузбасса" in page and "Команда весеннего потока" in page
    assert "Весенний поток 2027" in page  # the other cohort is named
    assert page.count('data-state="requested"') == 4  # two teams, two enterprises each
    assert "понедельник, 7 июня 2027" in page.lower()
    only_azot = client.get(
        URL, {"since": "2027-06-01", "enterprise": demo.enterprises["КАО «Азот»"].pk}
    ).content.decode()
    assert only_azot.count('data-state="requested"') == 2


def test_the_admin_confirms_and_declines_with_a_note(client, demo, requested):
    design, booking = requested
    pit = booking_at(design, demo.enterprises["Кедровский угольный разрез"])
    client.force_login(demo.users["admin"])
    answer = client.post(f"{URL}{booking.pk}/decide/", {"decision": "confirm", "note": ""})
    assert answer.status_code == 302
    answer = client.post(
        f"{URL}{pit.pk}/decide/", {"decision": "decline", "note": "Разрез закрыт на взрывы."}
    )
    assert answer.status_code == 302
    states = dict(design.bookings.values_list("enterprise__name", "state"))
    assert states == {"КАО «Азот»": "confirmed", "Кедровский угольный разрез": "declined"}
    assert SiteBooking.objects.get(pk=pit.pk).note == "Разрез закрыт на взрывы."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "decline", "note": " "}, "Укажите, почему заявка отклонена."),
        ({"decision": "maybe", "note": "x"}, "Выберите: подтвердить или отклонить."),
        ({"decision": "confirm", "note": "я" * 501}, "Комментарий длиннее 500 знаков."),
    ],
)
def test_a_bad_decision_is_a_400_with_a_russian_message_and_keeps_the_note(
    client, demo, requested, data, message
):
    _design, booking = requested
    client.force_login(demo.users["admin"])
    answer = client.post(f"{URL}{booking.pk}/decide/", data)
    assert answer.status_code == 400
    page = answer.content.decode()
    assert message in page
    if data["note"].strip():
        assert data["note"][:40] in page  # what was typed is still in the field
    booking.refresh_from_db()
    assert booking.state == "requested"


def test_a_decided_request_cannot_be_decided_again(client, demo, requested):
    _design, booking = requested
    client.force_login(demo.users["admin"])
    client.post(f"{URL}{booking.pk}/decide/", {"decision": "confirm"})
    answer = client.post(f"{URL}{booking.pk}/decide/", {"decision": "decline", "note": "Нет"})
    assert answer.status_code == 400
    assert "уже рассмотрена" in answer.content.decode()


def test_the_team_sees_each_requests_state_in_the_studio(client, demo, requested):
    design, booking = requested
    pit = booking_at(design, demo.enterprises["Кедровский угольный разрез"])
    client.force_login(demo.users["admin"])
    client.post(f"{URL}{booking.pk}/decide/", {"decision": "confirm"})
    client.post(f"{URL}{pit.pk}/decide/", {"decision": "decline", "note": "Закрыт на взрывы."})
    client.force_login(demo.users["kuzbass_member"])
    page = client.get(f"/routes/{design.pk}/").content.decode()
    assert f'data-booking="{booking.pk}" data-state="confirmed"' in page
    assert f'data-booking="{pit.pk}" data-state="declined"' in page
    assert "подтверждено" in page and "отклонено" in page and "Закрыт на взрывы." in page


def queries(client, url) -> int:
    client.get(url)  # the session and the caches warm up
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_calendars_queries_do_not_grow_with_bookings(client, demo):
    client.force_login(demo.users["admin"])
    url = f"{URL}?since=2027-06-01"
    dated_submitted(demo, kuzbass_team_of(demo))
    few = queries(client, url)
    for n in range(6):
        dated_submitted(demo, team_of_another_cohort(demo, f"Команда {n}"), group_size=5)
    assert SiteBooking.objects.filter(state="requested").count() >= 14
    assert queries(client, url) == few


def test_the_calendar_and_a_clash_read_in_english(client, demo, requested):
    from django.utils import translation

    from assessments.route_findings import finding_message, findings_for_version
    from assessments.services import draft_of
    from tests.builders.bookings import dated_draft

    client.force_login(demo.users["admin"])
    client.cookies["django_language"] = "en"
    page = client.get(URL, {"since": "2027-06-01"}).content.decode()
    assert "Site visit requests" in page and "One group at a time." in page
    theirs = dated_draft(demo, team_of_another_cohort(demo))
    clash = next(f for f in findings_for_version(draft_of(theirs)) if f["code"] == "clash")
    with translation.override("en"):
        assert "takes one group at a time" in finding_message(clash)


def test_the_studios_queries_do_not_grow_with_bookings(client, demo, requested):
    import datetime as dt

    design, booking = requested
    client.force_login(demo.users["kuzbass_captain"])
    url = f"/routes/{design.pk}/"
    few = queries(client, url)
    SiteBooking.objects.bulk_create(
        SiteBooking(
            enterprise_id=booking.enterprise_id,
            design=design,
            version_id=booking.version_id,
            team_id=booking.team_id,
            stop_key=booking.stop_key,
            on=booking.on + dt.timedelta(days=n),
            arrival=booking.arrival,
            stay_minutes=booking.stay_minutes,
            group_size=booking.group_size,
        )
        for n in range(1, 9)
    )
    assert queries(client, url) == few
    assert client.get(url).content.decode().count('data-state="requested"') == 10


def test_the_mentor_sees_the_routes_requests_on_the_review_page(client, demo, requested):
    design, booking = requested
    client.force_login(demo.users["admin"])
    client.post(f"{URL}{booking.pk}/decide/", {"decision": "confirm"})
    client.force_login(demo.users["mentor"])
    page = client.get(f"/routes/{design.pk}/review/").content.decode()
    assert f'data-booking="{booking.pk}" data-state="confirmed"' in page
    assert page.count('data-state="requested"') == 1
