"""A site's fixed visit starts: an admin sets them on the enterprise; a visit that starts at
another time is an error naming the site's times; the card and the bookings calendar show
them; a bad value is refused with a message."""

import dataclasses
from datetime import time

import pytest
from django.core.exceptions import ValidationError

from assessments.feasibility import check_route
from assessments.route_findings import findings_for_version
from assessments.services import draft_of, submit_route
from courses.models.enterprise import slot_times
from tests.assessments.test_feasibility import GOOD, KEDROVKA, codes, stop
from tests.builders.bookings import dated_draft
from tests.builders.routes import captain_of, kuzbass_team_of
from tests.helpers import login

TIMED_PIT = dataclasses.replace(KEDROVKA, slot_starts=(10 * 60, 14 * 60))


def test_a_visit_at_one_of_the_sites_times_passes_and_any_other_is_an_error():
    at_ten = dataclasses.replace(
        GOOD, stops=[stop(1, TIMED_PIT, time(10, 0), 90, 40)] + GOOD.stops[1:]
    )
    assert check_route(at_ten) == []
    late = dataclasses.replace(
        GOOD, stops=[stop(1, TIMED_PIT, time(10, 5), 90, 35)] + GOOD.stops[1:]
    )
    findings = check_route(late)
    assert codes(findings) == [("error", "off_slot", 1)]
    assert "только в 10:00, 14:00" in findings[0].message and "10:05" in findings[0].message


def test_slot_times_are_read_in_order_and_bad_ones_are_refused(demo):
    assert slot_times("14:30; 10:00, 10:00") == (600, 870)
    assert slot_times("") == ()
    pit = demo.enterprises["Кедровский угольный разрез"]
    for bad in ("10", "25:00", "10:7", "десять"):
        pit.visit_slots = bad
        with pytest.raises(ValidationError) as refused:
            pit.full_clean()
        assert "ЧЧ:ММ" in str(refused.value.message_dict["visit_slots"])


def test_the_route_checker_and_submission_follow_the_enterprises_times(demo, client):
    pit = demo.enterprises["Кедровский угольный разрез"]
    pit.visit_slots = "11:00, 14:00"
    pit.save()
    design = dated_draft(demo, kuzbass_team_of(demo))  # the pit at 10:00
    off = [f for f in findings_for_version(draft_of(design)) if f["code"] == "off_slot"]
    assert [(f["severity"], f["stop"]) for f in off] == [("error", 1)]
    with pytest.raises(ValidationError, match="11:00, 14:00"):
        submit_route(design=design, user=captain_of(design))

    pit.visit_slots = "10:00, 14:00"
    pit.save()
    assert not [f for f in findings_for_version(draft_of(design)) if f["code"] == "off_slot"]
    submit_route(design=design, user=captain_of(design))
    login(client, demo.users["admin"])
    calendar = client.get("/bookings/?since=2027-06-01").content.decode()
    assert "Начало визитов: 10:00, 14:00." in calendar
