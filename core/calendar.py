"""The calendar's seam: what concerns a person between two moments (deadlines, visits,
bookings), gathered from the apps that know it. Each app registers its providers in its
AppConfig.ready(); core imports none of them. The pages and the iCal feed read events_for."""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # stable across reads: the feed's UID, so a subscribed calendar updates in place
    title: str  # in the active language (the feed reads it under its owner's)
    starts: dt.datetime  # aware, in the zone the event is kept in (an assignment's, a site's)
    ends: dt.datetime | None
    all_day: bool
    kind: str  # "deadline", "visit", "booking", …
    url: str = ""  # the event's page, a path on this site
    location: str = ""
    description: str = ""

    @property
    def day(self) -> dt.date:
        """The day it falls on by its own clock (a deadline at 18:00 Moscow time is that day)."""
        return self.starts.date()


Provider = Callable[[object, dt.datetime, dt.datetime], Iterable[CalendarEvent]]
_PROVIDERS: list[Provider] = []


def register_events(provider: Provider) -> None:
    """Add `provider(user, start, end)`: the user's events starting in [start, end), read in a
    fixed number of queries. Registering the same function twice keeps one."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def events_for(user, start: dt.datetime, end: dt.datetime) -> list[CalendarEvent]:
    """Every provider's events for `user` starting in [start, end), by start; an event two
    providers give (the same uid) is listed once."""
    if not getattr(user, "is_authenticated", False):
        return []
    seen: dict[str, CalendarEvent] = {}
    for provider in _PROVIDERS:
        for event in provider(user, start, end):
            if start <= event.starts < end:
                seen.setdefault(event.uid, event)
    return sorted(seen.values(), key=lambda e: (e.starts, e.title, e.uid))
