"""A person's calendar events (core.calendar) as an iCalendar (RFC 5545) feed that Yandex
Calendar, Google Calendar and Outlook subscribe to. No Django: the view passes what it knows.

Times keep their own zone (a deadline in its assignment's zone, a visit in its site's region)
with a VTIMEZONE for each, so a client shows 18:00 Moscow time as 18:00 MSK wherever it is."""

import datetime as dt
from collections.abc import Callable, Iterable

from icalendar import Calendar, Event, vDuration

from core.calendar import CalendarEvent

PRODID = "-//Promturism Academy//Calendar//RU"
# How often a subscribed client should ask again (clients may take longer: Google does).
REFRESH = dt.timedelta(hours=1)


def feed(
    events: Iterable[CalendarEvent],
    *,
    name: str,
    calendar_uid: str,
    language: str,
    uid_domain: str,
    absolute: Callable[[str], str],
    now: dt.datetime,
) -> bytes:
    """The calendar named `name` (its UID `calendar_uid`, the same on every fetch) with one
    VEVENT per event: UID `<uid>@<uid_domain>` (the
    same on every fetch), DTSTAMP `now`, SUMMARY the event's title as given (in the owner's
    language), the event's page as URL made absolute by `absolute`."""
    calendar = Calendar.new(
        prodid=PRODID,
        name=name,
        uid=calendar_uid,
        method="PUBLISH",
        refresh_interval=REFRESH,
        language=language,
    )
    calendar.add(
        "X-PUBLISHED-TTL", vDuration(REFRESH)
    )  # Outlook reads this one, not REFRESH-INTERVAL
    stamp = now.astimezone(dt.UTC)
    first = last = None
    for event in events:
        start = event.starts.date() if event.all_day else event.starts
        end = event.ends.date() if event.all_day and event.ends else event.ends
        if event.all_day and end is None:
            end = start + dt.timedelta(days=1)
        calendar.add_component(
            Event.new(
                uid=f"{event.uid}@{uid_domain}",
                stamp=stamp,
                start=start,
                end=end if end is not None else start,
                summary=event.title,
                description=event.description or None,
                location=event.location or None,
                url=absolute(event.url) if event.url else None,
            )
        )
        day = event.starts.date()
        first = day if first is None else min(first, day)
        last = day if last is None else max(last, day)
    if first is not None:
        calendar.add_missing_timezones(
            first_date=first - dt.timedelta(days=366), last_date=last + dt.timedelta(days=366)
        )
    return calendar.to_ical()
