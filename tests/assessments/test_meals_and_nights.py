"""Meals and nights as properties of stops: a canteen or a meal stop feeds the group (a
place's name does not), and the overnight leg of a multi-day route is a transfer like any
other, with train and plane for legs a coach cannot make in the planned time."""

from datetime import date, time

from assessments.feasibility import (
    ACCOMMODATION,
    MEAL,
    Route,
    Site,
    Stop,
    check_route,
    haversine_km,
    transfer_minutes_needed,
)

MONDAY = date(2027, 3, 1)
PIT = Site("pit", "Кедровский разрез", 55.54, 86.07)
AZOT = Site("azot", "КАО «Азот»", 55.3547, 86.0873)
AZOT_WITH_CANTEEN = Site("azot", "КАО «Азот»", 55.3547, 86.0873, serves_meals=True)
CAFE_BY_NAME = Site("place:кафе", "Обед в кафе в центре Кемерова", 55.3550, 86.0870)
# A Novosibirsk plant and Krasnoyarsk's aluminium smelter: about 640 km apart in a straight
# line, a little over 800 km by road or rail.
NOVOSIBIRSK = Site("nsk", "Новосибирский авиазавод", 55.0302, 82.9204)
KRASNOYARSK = Site("krs", "Красноярский алюминиевый завод", 56.085, 92.99)
NSK_HOTEL = Site("place:hotel", "Гостиница «Новосибирск»", 55.0355, 82.8979)


def stop(position, site, arrival, stay, transfer=0, day=1, mode="coach", kind="visit"):
    return Stop(position, site, day, arrival, stay, mode, transfer, kind)


def codes(findings):
    return sorted((f.severity, f.code, f.stop) for f in findings)


def long_day(lunch: Stop) -> Route:
    """A seven-hour day whose middle stop is `lunch`."""
    return Route(
        stops=[stop(1, PIT, time(9, 0), 120, 40), lunch, stop(3, AZOT, time(13, 30), 150)],
        start_date=MONDAY,
    )


def test_lunch_at_an_enterprise_with_a_canteen_satisfies_the_meal_rule():
    assert codes(check_route(long_day(stop(2, AZOT_WITH_CANTEEN, time(11, 40), 100, 0)))) == []


def test_the_same_enterprise_without_a_canteen_leaves_the_long_day_without_a_meal():
    assert codes(check_route(long_day(stop(2, AZOT, time(11, 40), 100, 0)))) == [
        ("warning", "no_meal", None)
    ]


def test_a_free_place_is_a_meal_stop_by_its_type():
    lunch = stop(2, CAFE_BY_NAME, time(11, 40), 60, 10, kind=MEAL)
    assert codes(check_route(long_day(lunch))) == []


def test_a_place_named_like_a_cafe_no_longer_counts_as_a_meal():
    lunch = stop(2, CAFE_BY_NAME, time(11, 40), 60, 10)
    findings = check_route(long_day(lunch))
    assert codes(findings) == [("warning", "no_meal", None)]
    assert "питание" in findings[0].message


def test_the_planned_distance_is_about_800_km():
    km = haversine_km(55.0302, 82.9204, 56.085, 92.99) * 1.3
    assert 800 < km < 850


def overnight(mode: str, minutes: int) -> Route:
    """Novosibirsk on day 1 until 17:00, Krasnoyarsk on day 2 at 09:00: the night between."""
    return Route(
        stops=[
            stop(1, NOVOSIBIRSK, time(12, 0), 300, minutes, mode=mode),
            stop(2, KRASNOYARSK, time(9, 0), 120, day=2),
        ],
        start_date=MONDAY,
        days=2,
    )


def test_an_800_km_overnight_leg_by_coach_is_an_error_that_asks_for_the_train():
    findings = check_route(overnight("coach", 16 * 60))
    # A night on a coach is no night's sleep either: the warning asks where they sleep.
    assert codes(findings) == [
        ("error", "transfer_too_short", 1),
        ("warning", "no_accommodation", 2),
    ]
    message = findings[0].message
    assert "«Новосибирский авиазавод» → «Красноярский алюминиевый завод» (автобус)" in message
    assert "запланировано 960" in message
    assert "поезд успеет" in message


def test_the_same_leg_by_a_night_train_with_a_realistic_time_is_fine():
    needed = transfer_minutes_needed(NOVOSIBIRSK, KRASNOYARSK, "train")
    assert 12 * 60 < needed < 15 * 60  # the real trains take 12–13 h plus the stations
    assert check_route(overnight("train", 16 * 60)) == []


def test_a_night_train_planned_too_short_is_an_error_even_by_train():
    assert codes(check_route(overnight("train", 8 * 60))) == [("error", "transfer_too_short", 1)]


def test_a_plane_has_its_fixed_overhead():
    assert transfer_minutes_needed(NOVOSIBIRSK, KRASNOYARSK, "plane") == 65 + 180
    assert transfer_minutes_needed(NOVOSIBIRSK, NOVOSIBIRSK, "plane") == 0


def test_the_overnight_leg_through_the_hotel_is_checked_on_both_sides():
    """Day 1 ends in Novosibirsk, the group sleeps there, the coach leaves at 05:00 and
    cannot reach Krasnoyarsk by 09:00: the hotel → Krasnoyarsk leg is the error."""
    route = Route(
        stops=[
            stop(1, NOVOSIBIRSK, time(12, 0), 300, 30),
            stop(2, NSK_HOTEL, time(18, 0), 660, 240, kind=ACCOMMODATION),
            stop(3, KRASNOYARSK, time(9, 0), 120, day=2),
        ],
        start_date=MONDAY,
        days=2,
    )
    findings = check_route(route)
    assert codes(findings) == [("error", "transfer_too_short", 2)]
    assert "«Гостиница «Новосибирск»» → «Красноярский алюминиевый завод»" in findings[0].message


def test_a_night_in_a_hotel_is_not_part_of_the_days_length():
    route = Route(
        stops=[
            stop(1, PIT, time(9, 0), 120, 40),
            stop(
                2,
                NSK_HOTEL.__class__("place:h", "Гостиница «Кузбасс»", 55.355, 86.085),
                time(20, 0),
                720,
                30,
                kind=ACCOMMODATION,
            ),
            stop(3, AZOT, time(9, 0), 120, day=2),
        ],
        start_date=MONDAY,
        days=2,
    )
    assert codes(check_route(route)) == []


def test_a_night_with_no_accommodation_is_a_warning_naming_both_stops():
    route = Route(
        stops=[stop(1, PIT, time(9, 0), 120, 60), stop(2, AZOT, time(9, 0), 120, day=2)],
        start_date=MONDAY,
        days=2,
    )
    findings = check_route(route)
    assert codes(findings) == [("warning", "no_accommodation", 2)]
    assert "«Кедровский разрез» (день 1)" in findings[0].message
    assert "«КАО «Азот»»" in findings[0].message


def test_an_overnight_leg_that_arrives_after_the_next_days_start_names_both_days():
    route = Route(
        stops=[
            stop(1, NOVOSIBIRSK, time(10, 0), 300, 19 * 60, mode="train"),
            stop(2, KRASNOYARSK, time(9, 0), 120, day=2),
        ],
        start_date=MONDAY,
        days=2,
    )
    findings = check_route(route)
    assert codes(findings) == [("error", "arrives_late", 2)]
    assert "10:00 (день 2)" in findings[0].message and "09:00 (день 2)" in findings[0].message
