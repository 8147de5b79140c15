"""The clash check against the plain reading: every requested or confirmed slot against
every other at the same enterprise on the same day, group sizes summed against capacity."""

from dataclasses import replace
from datetime import timedelta

from hypothesis import example, given
from hypothesis import strategies as st

from assessments.feasibility import Booking, check_route
from tests.assessments.test_feasibility import GOOD, MONDAY

# Minutes where a stop of GOOD begins or ends, so that touching visits are tried often.
EDGES = sorted({m for s in GOOD.stops for m in (s.start_minute, s.start_minute + s.stay_minutes)})
minutes = st.one_of(
    st.integers(min_value=0, max_value=1439),
    st.integers(min_value=EDGES[0] - 30, max_value=EDGES[-1] + 30),  # the route's hours
    st.sampled_from(EDGES),
)
capacities = st.sampled_from([None, 10, 18, 30, 45, 60])

bookings_of = st.lists(
    st.tuples(
        st.sampled_from(["azot", "pit", "canteen", "rails", "elsewhere"]),
        st.integers(min_value=-1, max_value=1),
        minutes,
        minutes,
        st.integers(min_value=1, max_value=40),
        st.booleans(),
    ).filter(lambda b: b[2] != b[3]),
    max_size=25,
)


def expected_clashes(route, bookings):
    """Minute by minute: who is at the site while the stop is there, summed with our group."""
    expected = {}
    group = route.group_size or 1
    for stop in route.stops:
        visit = route.start_date + timedelta(days=stop.day - 1)
        begin = stop.arrival.hour * 60 + stop.arrival.minute
        capacity = stop.site.slot_capacity
        same = [b for b in bookings if b.site_key == stop.site.key and b.on == visit]

        def overloaded(held, moment, capacity=capacity):
            # A clash is with another slot: a group too big alone is the group-size check's.
            there = [b for b in held if b.start_minute <= moment < b.end_minute]
            if not there or capacity is None:
                return bool(there)
            return group + sum(b.group_size for b in there) > capacity

        moments = range(begin, begin + stop.stay_minutes)
        if any(overloaded([b for b in same if b.confirmed], m) for m in moments):
            expected[stop.position] = ("error", "clash_booked")
        elif any(overloaded(same, m) for m in moments):
            expected[stop.position] = ("warning", "clash")
    return expected


@given(bookings_of, capacities, capacities, st.sampled_from([None, 1, 12, 18, 25]))
# A group that arrives in the middle of our visit, when the one before it has left.
@example(
    [("azot", 0, 13 * 60, 14 * 60, 10, False), ("azot", 0, 14 * 60, 15 * 60, 20, True)],
    None,
    30,
    18,
)
def test_clashes_are_the_plain_reading_of_group_sizes_against_capacity(
    raw, pit_capacity, azot_capacity, group_size
):
    sites = {"pit": pit_capacity, "azot": azot_capacity}
    route = replace(
        GOOD,
        group_size=group_size,
        stops=[
            replace(s, site=replace(s.site, slot_capacity=sites.get(s.site.key)))
            for s in GOOD.stops
        ],
    )
    bookings = [
        Booking(key, MONDAY + timedelta(days=shift), min(a, b), max(a, b), f"Команда {n}", size, ok)
        for n, (key, shift, a, b, size, ok) in enumerate(raw)
    ]
    found = check_route(route, bookings=bookings)
    clashes = {f.stop: (f.severity, f.code) for f in found if f.code.startswith("clash")}
    assert clashes == expected_clashes(route, bookings)
    # The teams a finding names are among those at that site that day.
    for f in found:
        if f.code.startswith("clash"):
            site = route.stops[f.stop - 1].site.key
            named = {b.team for b in bookings if b.site_key == site and b.on == MONDAY}
            assert any(f"«{team}»" in f.message for team in named)
