"""The calendar pages' shape: a month as weeks of days, a week as seven days, each day with
its events (core.calendar) placed by the event's own clock. No queries here."""

import datetime as dt
from dataclasses import dataclass, field

from core.calendar import CalendarEvent

DAY = dt.timedelta(days=1)
WEEK = 7 * DAY
# The earliest and latest dates a query string may ask for.
FIRST = dt.date(2000, 1, 1)
LAST = dt.date(2100, 12, 31)


@dataclass
class Day:
    date: dt.date
    today: bool
    in_range: bool = True  # False for the days of the month before or after, shown greyed
    events: list[CalendarEvent] = field(default_factory=list)


def parse_month(text: str) -> dt.date | None:
    """`YYYY-MM` as the first day of that month, or None when it is no month we show."""
    try:
        first = dt.datetime.strptime(text.strip(), "%Y-%m").date()
    except ValueError:
        return None
    return first if FIRST <= first <= LAST else None


def parse_week(text: str) -> dt.date | None:
    """`YYYY-MM-DD` as the Monday of its week, or None when it is no date we show."""
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        return None
    return day - day.weekday() * DAY if FIRST <= day <= LAST else None


def next_month(first: dt.date) -> dt.date:
    return (first + 32 * DAY).replace(day=1)


def previous_month(first: dt.date) -> dt.date:
    return (first - DAY).replace(day=1)


def month_span(first: dt.date) -> tuple[dt.date, dt.date]:
    """The Monday before the month's first day and the Sunday after its last: the grid."""
    start = first - first.weekday() * DAY
    last = next_month(first) - DAY
    return start, last + (6 - last.weekday()) * DAY


def window(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """A UTC window wide enough for every event that falls on a day in [first, last] by its
    own clock, in any zone on Earth (UTC−12 to UTC+14); the days pick them out after."""
    start = dt.datetime.combine(first - DAY, dt.time(), tzinfo=dt.UTC)
    return start, dt.datetime.combine(last + 2 * DAY, dt.time(), tzinfo=dt.UTC)


def _days(first: dt.date, last: dt.date, events, today: dt.date, in_range) -> list[Day]:
    days = {}
    current = first
    while current <= last:
        days[current] = Day(current, today=current == today, in_range=in_range(current))
        current += DAY
    for event in events:
        if event.day in days:
            days[event.day].events.append(event)
    return list(days.values())


def month_weeks(first: dt.date, events, today: dt.date) -> list[list[Day]]:
    """The month of `first` as weeks Monday to Sunday, the neighbouring months' days out of
    range, each day with the events that fall on it."""
    start, end = month_span(first)
    days = _days(start, end, events, today, lambda d: d.month == first.month)
    return [days[i : i + 7] for i in range(0, len(days), 7)]


def week_days(monday: dt.date, events, today: dt.date) -> list[Day]:
    return _days(monday, monday + 6 * DAY, events, today, lambda d: True)
