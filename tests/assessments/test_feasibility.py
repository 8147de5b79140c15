"""The feasibility checker: arithmetic properties, and hand-made routes with exact findings."""

from datetime import date, time
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from assessments import feasibility
from assessments.checklist import items_for
from assessments.feasibility import (
    Booking,
    Route,
    Site,
    Stop,
    check_route,
    has_errors,
    haversine_km,
    transfer_minutes_needed,
)

KEMEROVO = Site(
    "azot",
    "КАО «Азот»",
    55.3547,
    86.0873,
    region_id=1,
    open_days=frozenset(range(5)),
    opens_at=time(9),
    closes_at=time(17),
    min_age=14,
    max_group_size=20,
    booking_lead_days=14,
    safety_items=items_for(1, ppe="каска, жилет", documents="паспортные данные"),
)
KEDROVKA = Site(
    "pit",
    "Кедровский разрез",
    55.54,
    86.07,
    region_id=1,
    open_days=frozenset(range(5)),
    opens_at=time(9),
    closes_at=time(17),
    min_age=14,
    max_group_size=25,
)
CANTEEN = Site("canteen", "Заводская столовая", 55.36, 86.09, region_id=1, serves_meals=True)
NOVOKUZNETSK = Site(
    "rails",
    "ЕВРАЗ ЗСМК",
    53.7576,
    87.1360,
    region_id=1,
    open_days=frozenset(range(5)),
    opens_at=time(9),
    closes_at=time(17),
)
# Every checklist item of the sites above answered.
ANSWERED = frozenset(item.key for item in KEMEROVO.safety_items)
OMSK = Site("poliom", "Полиом", 54.9885, 73.3242, region_id=2)

MONDAY = date(2027, 3, 1)

latitudes = st.floats(min_value=-89, max_value=89, allow_nan=False)
longitudes = st.floats(min_value=-179, max_value=179, allow_nan=False)


@given(latitudes, longitudes, latitudes, longitudes)
def test_distance_is_symmetric_non_negative_and_bounded(lat1, lon1, lat2, lon2):
    d = haversine_km(lat1, lon1, lat2, lon2)
    assert d >= 0
    assert d == pytest.approx(haversine_km(lat2, lon2, lat1, lon1), abs=1e-6)
    assert d <= 20016  # half the Earth's circumference


@given(latitudes, longitudes)
def test_distance_to_itself_is_zero(lat, lon):
    assert haversine_km(lat, lon, lat, lon) == pytest.approx(0, abs=1e-9)


@given(latitudes, longitudes, latitudes, longitudes, latitudes, longitudes)
def test_distance_obeys_the_triangle_inequality(a1, o1, a2, o2, a3, o3):
    assert haversine_km(a1, o1, a3, o3) <= (
        haversine_km(a1, o1, a2, o2) + haversine_km(a2, o2, a3, o3) + 1e-6
    )


@given(latitudes, longitudes, latitudes, longitudes)
def test_walking_never_beats_the_coach(lat1, lon1, lat2, lon2):
    a = Site("a", "A", lat1, lon1)
    b = Site("b", "B", lat2, lon2)
    assume(haversine_km(lat1, lon1, lat2, lon2) > 0.01)
    assert transfer_minutes_needed(a, b, "walk") >= transfer_minutes_needed(a, b, "coach")


@given(latitudes, longitudes, latitudes, longitudes)
def test_a_remembered_distance_is_the_distance(lat1, lon1, lat2, lon2):
    a, b = Site("a", "A", lat1, lon1), Site("b", "B", lat2, lon2)
    assert feasibility._km(a, b) == feasibility._km(a, b) == haversine_km(lat1, lon1, lat2, lon2)


def test_the_remembered_distances_stay_bounded(monkeypatch):
    monkeypatch.setattr(feasibility, "_DISTANCES", {})
    monkeypatch.setattr(feasibility, "_DISTANCES_KEPT", 10)
    for i in range(25):
        feasibility._km(KEMEROVO, Site("x", "X", 55.0 + i / 100, 86.0))
        assert len(feasibility._DISTANCES) <= 10
    assert feasibility._km(KEMEROVO, OMSK) == haversine_km(
        KEMEROVO.latitude, KEMEROVO.longitude, OMSK.latitude, OMSK.longitude
    )


def test_known_distance_kemerovo_to_novokuznetsk():
    # About 180 km in a straight line between the two city centres.
    assert haversine_km(55.3547, 86.0873, 53.7576, 87.1360) == pytest.approx(190, abs=15)


def stop(position, site, arrival, stay, transfer=0, day=1, mode="coach"):
    return Stop(position, site, day, arrival, stay, mode, transfer)


GOOD = Route(
    stops=[
        stop(1, KEDROVKA, time(10, 0), 90, 40),
        stop(2, CANTEEN, time(12, 10), 60, 15),
        stop(3, KEMEROVO, time(13, 30), 120, 0),
    ],
    group_size=18,
    audience_min_age=14,
    region_id=1,
    start_date=MONDAY,
    planned_on=date(2027, 2, 1),
    price_per_person=Decimal("3500"),
    cost_per_person=[Decimal("1500"), Decimal("800"), Decimal("1200")],
    safety_answered=ANSWERED,
)


def codes(findings):
    return sorted((f.severity, f.code, f.stop) for f in findings)


def test_a_good_kuzbass_day_has_no_findings():
    assert check_route(GOOD) == []


CASES = [
    (
        "transfer to Novokuznetsk in 30 minutes",
        Route(
            stops=[stop(1, KEMEROVO, time(9, 0), 60, 30), stop(2, NOVOKUZNETSK, time(10, 30), 60)],
            start_date=MONDAY,
            safety_answered=ANSWERED,
        ),
        [("error", "transfer_too_short", 1)],
    ),
    (
        "arrival before the previous stop ends",
        Route(
            stops=[stop(1, KEDROVKA, time(10, 0), 90, 40), stop(2, KEMEROVO, time(11, 0), 60)],
            start_date=MONDAY,
            safety_answered=ANSWERED,
        ),
        [("error", "arrives_late", 2)],
    ),
    (
        "Saturday visit and a visit past closing time",
        Route(
            stops=[stop(1, KEMEROVO, time(16, 0), 90)],
            start_date=date(2027, 3, 6),
            safety_answered=ANSWERED,
        ),
        [("error", "closed_day", 1), ("error", "outside_hours", 1)],
    ),
    (
        "too large, too young, booked too late, safety checklist unanswered",
        Route(
            stops=[stop(1, KEMEROVO, time(10, 0), 60)],
            group_size=30,
            audience_min_age=10,
            start_date=MONDAY,
            planned_on=date(2027, 2, 25),
            safety_plan="",
        ),
        [
            ("error", "booking_too_late", 1),
            ("error", "group_too_large", 1),
            ("error", "too_young", 1),
            ("warning", "safety_item_open", 1),
            ("warning", "safety_item_open", 1),
            ("warning", "safety_item_open", 1),
        ],
    ),
    (
        "a stop outside the team's region",
        Route(stops=[stop(1, OMSK, time(10, 0), 60)], region_id=1),
        [("warning", "outside_region", 1)],
    ),
    (
        "a long day without a meal, and a day beyond the route's length",
        Route(
            stops=[
                stop(1, KEDROVKA, time(9, 0), 200, 40),
                stop(2, KEMEROVO, time(13, 0), 180, 60),
                stop(3, KEDROVKA, time(10, 0), 60, day=2),
            ],
            safety_answered=ANSWERED,
        ),
        [
            ("error", "beyond_last_day", 3),
            ("warning", "no_meal", None),
            ("warning", "no_accommodation", 3),
        ],
    ),
    (
        "a fifteen-hour day",
        Route(
            stops=[stop(1, CANTEEN, time(6, 0), 60, 30), stop(2, CANTEEN, time(20, 0), 60)], days=1
        ),
        [("error", "day_too_long", None)],
    ),
    (
        "costs that do not add up to the price",
        Route(
            stops=[stop(1, CANTEEN, time(12, 0), 60)],
            price_per_person=Decimal("2000"),
            cost_per_person=[Decimal("1500"), Decimal("400")],
        ),
        [("error", "price_mismatch", None)],
    ),
    ("no stops at all", Route(stops=[]), [("error", "no_stops", None)]),
    (
        "over the brief's days, budget and group size",
        Route(
            stops=[stop(1, CANTEEN, time(12, 0), 60)],
            days=2,
            max_days=1,
            price_per_person=Decimal("5000"),
            max_price=Decimal("4000"),
            group_size=30,
            max_group_size=25,
        ),
        [
            ("error", "brief_budget", None),
            ("error", "brief_days", None),
            ("error", "brief_group", None),
        ],
    ),
]


@pytest.mark.parametrize(("label", "route", "expected"), CASES, ids=[c[0] for c in CASES])
def test_hand_made_routes_give_exactly_the_expected_findings(label, route, expected):
    assert codes(check_route(route)) == sorted(expected)


def test_another_teams_overlapping_visit_is_a_clash_warning():
    bookings = [Booking("azot", MONDAY, 14 * 60, 15 * 60, "Команда Омской области")]
    findings = check_route(GOOD, bookings=bookings)
    assert codes(findings) == [("warning", "clash", 3)]
    assert "Команда Омской области" in findings[0].message
    assert not has_errors(findings)


def test_messages_are_russian_and_name_the_site():
    finding = check_route(CASES[0][1])[0]
    assert "КАО «Азот»" in finding.message and "ЕВРАЗ ЗСМК" in finding.message
    assert "мин" in finding.message
