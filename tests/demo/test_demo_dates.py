"""The demo's submitted route is dated on a working Monday, whatever week the demo is built."""

import datetime as dt

import time_machine

from demo.build import _next_monday


@time_machine.travel(dt.date(2026, 12, 7), tick=False)
def test_the_demo_route_skips_the_new_year_holidays():
    # Four weeks on is Monday 4 January 2027, inside the New Year holidays.
    assert _next_monday() == dt.date(2027, 1, 11)


@time_machine.travel(dt.date(2027, 3, 1), tick=False)
def test_an_ordinary_monday_is_kept():
    assert _next_monday() == dt.date(2027, 3, 29)
