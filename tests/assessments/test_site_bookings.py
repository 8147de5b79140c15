"""Site bookings: submitting requests a slot at each enterprise; requests and confirmed
visits of every cohort clash against a site's capacity; an admin's decision; a returned
route frees its slots, an accepted one keeps them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments.models import Review, SiteBooking
from assessments.route_findings import findings_for_version
from assessments.services import (
    decide_booking,
    draft_of,
    review_route,
    submit_route,
)
from core.models import Notification
from tests.builders.bookings import (
    VISIT_DAY,
    booking_at,
    dated_draft,
    dated_submitted,
    team_of_another_cohort,
)
from tests.builders.routes import accept_route, captain_of, kuzbass_team_of, points


@pytest.fixture
def azot(demo):
    """The chemical works, taking 30 visitors at once (the pit: one group at a time)."""
    site = demo.enterprises["КАО «Азот»"]
    site.visitors_per_slot = 30
    site.save()
    return site


def clashes(design):
    return sorted(
        (f["severity"], f["code"], f["stop"])
        for f in findings_for_version(draft_of(design))
        if f["code"].startswith("clash")
    )


def test_submitting_requests_a_slot_at_each_enterprise_of_the_route(demo, azot):
    design = dated_submitted(demo, kuzbass_team_of(demo), group_size=18)
    bookings = list(design.bookings.order_by("arrival"))
    assert [(b.enterprise.name, b.on, b.arrival.hour, b.stay_minutes) for b in bookings] == [
        ("Кедровский угольный разрез", VISIT_DAY, 10, 90),
        ("КАО «Азот»", VISIT_DAY, 12, 120),
    ]  # the café is no enterprise: nothing to book
    assert {(b.state, b.group_size, b.team_id) for b in bookings} == {
        ("requested", 18, design.team_id)
    }
    assert [c.to_state for b in bookings for c in b.changes.all()] == ["requested"] * 2


def test_two_teams_requests_for_one_slot_over_its_capacity_clash_across_cohorts(demo, azot):
    dated_submitted(demo, kuzbass_team_of(demo), group_size=20)
    theirs = dated_draft(demo, team_of_another_cohort(demo), group_size=20)
    # 20 + 20 > 30 at the works; the pit takes one group at a time. Requests only warn.
    assert clashes(theirs) == [("warning", "clash", 1), ("warning", "clash", 2)]
    message = next(
        f["message"]
        for f in findings_for_version(draft_of(theirs))
        if f["stop"] == 2 and f["code"] == "clash"
    )
    assert "«Команда Кузбасса»" in message and "40 чел." in message and "30" in message
    submit_route(design=theirs, user=captain_of(theirs))  # warnings do not block

    small = dated_draft(demo, team_of_another_cohort(demo, "Малая группа"), group_size=10)
    # 20 + 20 + 10 > 30 as well, and an empty site would take the group.
    assert clashes(small) == [("warning", "clash", 1), ("warning", "clash", 2)]
    next_day = team_of_another_cohort(demo, "Другой день")
    assert clashes(dated_draft(demo, next_day, on=VISIT_DAY.replace(day=8))) == []


def test_groups_that_fit_the_capacity_together_do_not_clash(demo, azot):
    dated_submitted(demo, kuzbass_team_of(demo), group_size=15)
    theirs = dated_draft(demo, team_of_another_cohort(demo), group_size=15)
    assert clashes(theirs) == [("warning", "clash", 1)]  # only the one-group pit


def test_a_confirmed_booking_turns_the_others_finding_into_an_error(demo, azot):
    ours = dated_submitted(demo, kuzbass_team_of(demo), group_size=20)
    theirs = dated_draft(demo, team_of_another_cohort(demo), group_size=20)
    decide_booking(booking=booking_at(ours, azot), by=demo.users["admin"], confirm=True)
    assert clashes(theirs) == [("error", "clash_booked", 2), ("warning", "clash", 1)]
    with pytest.raises(ValidationError, match="подтверждены визиты"):
        submit_route(design=theirs, user=captain_of(theirs))
    # The confirmed team itself sees no error: the others' drafts hold no place.
    assert clashes(ours) == []


def test_a_returned_route_frees_its_slots_and_an_accepted_one_keeps_them(demo, azot):
    ours = dated_submitted(demo, kuzbass_team_of(demo), group_size=20)
    decide_booking(booking=booking_at(ours, azot), by=demo.users["admin"], confirm=True)
    theirs = dated_draft(demo, team_of_another_cohort(demo), group_size=20)
    review_route(
        version=ours.versions.filter(submitted_at__isnull=False).latest("number"),
        mentor=demo.users["mentor"],
        points=points(ours),
        comment="Доработайте.",
        decision=Review.Decision.RETURN,
    )
    assert set(ours.bookings.values_list("state", flat=True)) == {"released"}
    azot_booking = ours.bookings.get(enterprise=azot)
    assert [(c.from_state, c.to_state) for c in azot_booking.changes.all()] == [
        ("", "requested"),
        ("requested", "confirmed"),
        ("confirmed", "released"),
    ]
    assert clashes(theirs) == []

    submit_route(design=ours, user=captain_of(ours))  # new requests for the new version
    decide_booking(booking=booking_at(ours, azot), by=demo.users["admin"], confirm=True)
    accept_route(demo, ours)
    assert booking_at(ours, azot).state == "confirmed"
    assert ours.bookings.filter(state="requested").count() == 1


def test_a_confirmation_the_site_cannot_take_beside_confirmed_visits_is_refused(demo, azot):
    ours = dated_submitted(demo, kuzbass_team_of(demo), group_size=20)
    theirs = dated_submitted(demo, team_of_another_cohort(demo), group_size=20)
    admin = demo.users["admin"]
    decide_booking(booking=booking_at(ours, azot), by=admin, confirm=True)
    with pytest.raises(ValidationError, match="Команда Кузбасса"):
        decide_booking(booking=booking_at(theirs, azot), by=admin, confirm=True)
    assert booking_at(theirs, azot).state == "requested"


def test_declining_needs_a_reason_is_recorded_and_notifies_the_team(demo, azot):
    ours = dated_submitted(demo, kuzbass_team_of(demo))
    booking, admin = booking_at(ours, azot), demo.users["admin"]
    with pytest.raises(ValidationError, match="почему"):
        decide_booking(booking=booking, by=admin, confirm=False, note="  ")
    with pytest.raises(PermissionDenied):
        decide_booking(booking=booking, by=demo.users["mentor"], confirm=False, note="Нет")
    decide_booking(booking=booking, by=admin, confirm=False, note="Цех на ремонте.")
    booking.refresh_from_db()
    assert (booking.state, booking.note) == ("declined", "Цех на ремонте.")
    assert booking.decided_by == admin
    with pytest.raises(ValidationError, match="уже рассмотрена"):
        decide_booking(booking=booking, by=admin, confirm=True)
    told = Notification.objects.filter(kind="booking_declined", user=captain_of(ours))
    assert told.count() == 1 and "Цех на ремонте." in told.get().body
    assert SiteBooking.objects.get(pk=booking.pk).changes.last().note == "Цех на ремонте."
