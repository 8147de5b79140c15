"""A route's findings: the pure feasibility checker (assessments.feasibility) fed from the
database: sites, the route, other teams' bookings."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import lru_cache

import holidays as country_calendars
from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_noop

from courses.models import Enterprise

from . import checklist, feasibility
from .models import RouteDesign, RouteDesignVersion, RouteStop, SiteBooking


def site_of(stop: RouteStop) -> feasibility.Site:
    enterprise = stop.enterprise if stop.enterprise_id else None
    if enterprise is not None:
        days = frozenset(int(d) for d in enterprise.open_days.split(",") if d.strip())
        return feasibility.Site(
            key=f"{feasibility.ENTERPRISE_KEY}{enterprise.pk}",
            name=enterprise.name,
            latitude=float(enterprise.latitude),
            longitude=float(enterprise.longitude),
            region_id=enterprise.region_id,
            open_days=days,
            opens_at=enterprise.opens_at,
            closes_at=enterprise.closes_at,
            open_on_holidays=enterprise.open_on_holidays,
            min_age=enterprise.min_age,
            max_group_size=enterprise.max_group_size,
            booking_lead_days=enterprise.booking_lead_days,
            safety_items=safety_items_of(enterprise),
            serves_meals=enterprise.offers_meals,
            slot_capacity=enterprise.visitors_per_slot,
            slot_starts=enterprise.slot_starts,
        )
    # Another place feeds the group when its stop says so (its kind), not by its name.
    name = stop.place_name
    return feasibility.Site(
        key=f"place:{name.lower()}",
        name=name,
        latitude=float(stop.latitude or 0),
        longitude=float(stop.longitude or 0),
    )


def item_label(kind: str, label: str, detail: str = "") -> str:
    """A checklist item's label in the reader's language: our words translated, the site's
    own text (a PPE item, a document, the photo rule) as the site gave it."""
    if kind == checklist.BRIEFING:
        return gettext(checklist.BRIEFING_LABEL)
    if kind == checklist.PHOTO and detail:
        return gettext(checklist.PHOTO_LABEL) % {"rule": detail}
    return label


def safety_items_of(enterprise: Enterprise) -> tuple[checklist.SafetyItem, ...]:
    """The enterprise's safety requirements as checklist items (checklist.items_for)."""
    return _safety_items(
        enterprise.pk,
        enterprise.ppe_required,
        enterprise.documents_required,
        enterprise.safety_rules,
        enterprise.photo_policy,
    )


@lru_cache(maxsize=1024)
def _safety_items(pk, ppe, documents, rules, photo):
    # Cached by the texts themselves: the live check asks on every change of the form.
    return checklist.items_for(pk, ppe=ppe, documents=documents, rules=rules, photo=photo)


@lru_cache(maxsize=16)
def russian_calendar(year: int) -> tuple[dict[date, str], frozenset[date]]:
    """Russia's public holidays and transferred days off in a year (date → name in Russian),
    and the weekend days the government made working days: from the maintained `holidays`
    library, which follows each year's decree on transfers."""
    calendar = country_calendars.country_holidays("RU", years=year, language="ru")
    return dict(calendar.items()), frozenset(d for d in calendar.weekend_workdays if d.year == year)


# The holidays library's names for the interface's languages (Russian is the checker's own).
HOLIDAY_LANGUAGES = {"en": "en_US"}


@lru_cache(maxsize=32)
def _holiday_names(year: int, language: str) -> dict[date, str]:
    return dict(country_calendars.country_holidays("RU", years=year, language=language).items())


def holiday_name(day: str, language: str | None) -> str | None:
    """The name of the public holiday on `day` (ISO) in the reader's language, if the
    library has that language; None to keep the Russian name."""
    library_language = HOLIDAY_LANGUAGES.get((language or "").split("-")[0])
    if library_language is None:
        return None
    try:
        on = date.fromisoformat(day)
    except (TypeError, ValueError):
        return None
    return _holiday_names(on.year, library_language).get(on)


def calendar_for(start: date | None, days: int) -> tuple[dict[date, str], frozenset[date]]:
    """The closed and the extra working dates of the years a route's days fall in."""
    if start is None:
        return {}, frozenset()
    last = date.fromordinal(start.toordinal() + max(days, 1) - 1)
    closed: dict[date, str] = {}
    working: frozenset[date] = frozenset()
    for year in range(start.year, last.year + 1):
        year_closed, year_working = russian_calendar(year)
        closed.update(year_closed)
        working |= year_working
    return closed, working


def shortlist_of(assignment) -> frozenset[str] | None:
    """The site keys of the enterprises the brief lists, or None when it lists none."""
    ids = assignment.shortlisted_enterprise_ids()
    return frozenset(f"{feasibility.ENTERPRISE_KEY}{pk}" for pk in ids) if ids else None


def held_bookings(
    design: RouteDesign, stops: Sequence[RouteStop], start_date: date
) -> list[feasibility.Booking]:
    """Other teams' requested and confirmed visits, in any cohort, to the route's
    enterprises on the route's days: one query."""
    dates = {date.fromordinal(start_date.toordinal() + (s.day or 1) - 1) for s in stops}
    rows = (
        SiteBooking.objects.filter(
            state__in=SiteBooking.HOLDING,
            enterprise_id__in={s.enterprise_id for s in stops if s.enterprise_id},
            on__in=dates,
        )
        .exclude(design_id=design.pk)
        .values_list(
            "enterprise_id", "on", "arrival", "stay_minutes", "group_size", "state", "team__name"
        )
    )
    bookings = []
    for enterprise_id, on, arrival, stay_minutes, group_size, state, team in rows:
        start = arrival.hour * 60 + arrival.minute
        bookings.append(
            feasibility.Booking(
                site_key=f"{feasibility.ENTERPRISE_KEY}{enterprise_id}",
                on=on,
                start_minute=start,
                end_minute=start + stay_minutes,
                team=team,
                group_size=group_size,
                confirmed=state == SiteBooking.State.CONFIRMED,
            )
        )
    return bookings


def findings(
    *, design: RouteDesign, content, stops: Sequence[RouteStop], planned_on: date | None = None
) -> list[dict]:
    """Findings for a route's content (a version or the fields of an unsaved form)."""

    def value(name, default=None):
        got = content.get(name) if isinstance(content, dict) else getattr(content, name)
        return default if got in (None, "") else got

    cost = [item.get("amount") for item in value("cost_items", []) if item.get("amount")]
    start_date = value("start_date")
    span = max([value("days", 1), *(stop.day or 1 for stop in stops)])
    holidays, working_weekends = calendar_for(start_date, span)
    route = feasibility.Route(
        stops=[
            feasibility.Stop(
                position=i,
                site=site_of(stop),
                day=stop.day,
                arrival=stop.arrival_time,
                stay_minutes=stop.stay_minutes,
                transfer_mode=stop.transfer_mode,
                transfer_minutes=stop.transfer_minutes,
                kind=stop.kind,
            )
            for i, stop in enumerate(stops, start=1)
        ],
        group_size=value("group_size"),
        audience_min_age=value("audience_min_age"),
        region_id=design.team.region_id,
        start_date=start_date,
        planned_on=planned_on or timezone.localdate(),
        days=value("days", 1),
        price_per_person=value("price_per_person"),
        cost_per_person=[Decimal(str(a)) for a in cost],
        safety_plan=value("safety_plan", ""),
        safety_answered=checklist.answered_keys(value("safety_answers", {})),
        max_days=design.assignment.max_days,
        max_price=design.assignment.max_price,
        max_group_size=design.assignment.max_group_size,
        holidays=holidays,
        working_weekends=working_weekends,
        shortlist=shortlist_of(design.assignment),
    )
    # Clashes need a date and an enterprise: an undated draft (most new ones) skips the query.
    dated = route.start_date is not None and any(s.enterprise_id for s in stops)
    bookings = held_bookings(design, stops, route.start_date) if dated else ()
    return [
        mark_demo_value(finding_dict(f), f, stops)
        for f in feasibility.check_route(route, bookings=bookings)
    ]


# The checklist's own words (assessments.checklist), for the catalogue.
gettext_noop("инструктаж по безопасности")
gettext_noop("правила съёмки: %(rule)s")
# Appended to a finding whose rule is a demo value of the site, not the site's own data.
DEMO_VALUE_MARK = gettext_noop("(учебное значение)")
# A transfer finding names two stops: the one it is on and its neighbour (−1 before, +1 after).
NEIGHBOUR_OF = {"transfer_too_short": 1, "arrives_late": -1}


def mark_demo_value(data: dict, finding: feasibility.Finding, stops: Sequence[RouteStop]) -> dict:
    """Mark a finding as resting on a demo value when a rule it applies at one of its stops'
    enterprises is flagged so (Enterprise.rule_is_demo_value)."""
    if finding.stop is None:
        return data
    positions = [finding.stop]
    if finding.code in NEIGHBOUR_OF:
        positions.append(finding.stop + NEIGHBOUR_OF[finding.code])
    for position in positions:
        if not 1 <= position <= len(stops):
            continue
        stop = stops[position - 1]
        if stop.enterprise_id and stop.enterprise.rule_is_demo_value(finding.code):
            data["demo_value"] = True
            data["message"] = f"{data['message']} {DEMO_VALUE_MARK}"
            break
    return data


# Values of a finding that are words of ours (a transfer mode's name), not names of places.
TRANSLATED_PARAMS = ("mode", "other")


def finding_dict(finding: feasibility.Finding) -> dict:
    """A finding as kept on a version: the Russian text, and for a translatable one its msgid
    and values, so that each reader sees it in their own language (finding_message)."""
    data = finding.as_dict()
    data["template"] = finding.template
    if finding.params:
        data["params"] = finding.params
    return data


def finding_message(finding: dict) -> str:
    """The finding's text in the active language; the kept Russian text where it has no
    msgid (findings from before translation, or checks that are not translated yet)."""
    template = finding.get("template")
    # The kept Russian text carries the Russian mark; the reader's language gets its own.
    text = (
        _translated(finding, template)
        if template
        else finding.get("message", "").removesuffix(f" {DEMO_VALUE_MARK}")
    )
    return f"{text} {gettext(DEMO_VALUE_MARK)}" if finding.get("demo_value") else text


def _translated(finding: dict, template: str) -> str:
    params = dict(finding.get("params") or {})
    for name in TRANSLATED_PARAMS:
        if name in params:
            params[name] = gettext(params[name])
    if "kind" in params and "item" in params:
        params["item"] = item_label(params["kind"], params["item"], params.get("detail", ""))
    if "holiday" in params and "day" in params:
        params["holiday"] = holiday_name(params["day"], get_language()) or params["holiday"]
    try:
        return gettext(template) % params
    except (KeyError, TypeError, ValueError):
        return finding.get("message", "").removesuffix(f" {DEMO_VALUE_MARK}")


def findings_for_version(version: RouteDesignVersion, *, stops=None) -> list[dict]:
    stops = list(stops if stops is not None else version.stops.select_related("enterprise"))
    return findings(design=version.design, content=version, stops=stops)


def unsaved_stops(stop_data) -> list[RouteStop]:
    """RouteStops built from form data, with their enterprises fetched in one query."""
    enterprises = Enterprise.objects.in_bulk(
        [s.enterprise_id for s in stop_data if s.enterprise_id]
    )
    stops = []
    for i, data in enumerate(stop_data, start=1):
        stop = data.as_stop(None, i)
        if data.enterprise_id:
            stop.enterprise = enterprises[data.enterprise_id]
        stops.append(stop)
    return stops
