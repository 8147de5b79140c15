"""The route feasibility checker: a pure function over a route, no database, no Django.

It answers the questions a tour operator asks before selling a route: can the coach make
each transfer, is every site open for groups when we arrive, may this group come at all
(size, age, booking lead time), is the day humane (length, a meal), does the price add up.
"""

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal
from typing import NamedTuple

EARTH_RADIUS_KM = 6371.0088
ERROR = "error"
WARNING = "warning"
WEEKDAYS = frozenset(range(5))
ENTERPRISE_KEY = "enterprise:"  # the prefix of an enterprise's Site.key (the others are places)
# Stop kinds (RouteStop.Kind): the checker finds meals and nights by them, not by names.
VISIT, MEAL, ACCOMMODATION, OTHER = "visit", "meal", "accommodation", "other"


def gettext_noop(message: str) -> str:
    """Marks a finding's Russian text for translation; the adapter translates it
    (route_findings) so that this module stays free of Django."""
    return message


# The texts of the findings the checker makes most often, marked once.
_SAFETY_ITEM_OPEN = gettext_noop(
    "Остановка %(number)s, %(site)s: %(item)s — не указано, как обеспечено."
)
_GROUP_TOO_LARGE = gettext_noop("Группа %(group)s чел., а «%(site)s» принимает до %(max)s.")
_OFF_SLOT = gettext_noop(
    "«%(site)s» принимает группы только в %(slots)s: визит в %(start)s "
    "перенесите на одно из этих времён."
)
_BOOKING_TOO_LATE = gettext_noop(
    "Заявку на «%(site)s» подают за %(lead)s дн.; до поездки остаётся %(left)s."
)
_TOO_YOUNG = gettext_noop(
    "«%(site)s» принимает гостей с %(min_age)s лет, а в аудитории маршрута есть гости с %(age)s."
)
_OUTSIDE_SHORTLIST = gettext_noop(
    "«%(site)s» нет среди предприятий задания — согласуйте выбор с наставником."
)


@dataclass(frozen=True)
class Site:
    """A place a stop points to: an enterprise (with visiting rules) or any other place."""

    key: str
    name: str
    latitude: float
    longitude: float
    region_id: int | None = None
    open_days: frozenset[int] | None = None  # 0 = Monday; None: no schedule known
    opens_at: time | None = None
    closes_at: time | None = None
    min_age: int | None = None
    max_group_size: int | None = None
    booking_lead_days: int | None = None
    # The site's safety requirements as checklist items (assessments.checklist.SafetyItem:
    # key, kind, label), each answered by the team or reported open.
    safety_items: tuple = ()
    serves_meals: bool = False
    open_on_holidays: bool = False
    # Visitors at once, all groups together; None: one group at a time.
    slot_capacity: int | None = None
    # Fixed visit starts (minutes after midnight); (): groups come any time in the hours.
    slot_starts: tuple[int, ...] = ()


@dataclass(frozen=True)
class Stop:
    position: int
    site: Site
    day: int
    arrival: time
    stay_minutes: int
    transfer_mode: str = "coach"
    transfer_minutes: int = 0  # planned, to the next stop (the next day's first: overnight)
    kind: str = "visit"  # visit / meal / accommodation / other (RouteStop.Kind)

    @property
    def is_meal(self) -> bool:
        """A meal stop by its type, or a visit to a site that feeds groups (a canteen)."""
        return self.kind == MEAL or self.site.serves_meals

    @property
    def start_minute(self) -> int:
        return (self.day - 1) * 1440 + self.arrival.hour * 60 + self.arrival.minute

    @property
    def end_minute(self) -> int:
        return self.start_minute + self.stay_minutes


@dataclass(frozen=True)
class Route:
    stops: Sequence[Stop]
    group_size: int | None = None
    audience_min_age: int | None = None
    region_id: int | None = None
    start_date: date | None = None
    planned_on: date | None = None  # when the team plans (for booking lead time)
    days: int = 1
    price_per_person: Decimal | None = None
    cost_per_person: Sequence[Decimal] = ()
    safety_plan: str = ""  # the narrative; the checklist answers are what the checker reads
    # The keys of the safety checklist items the team has answered (checklist.answered_keys).
    safety_answered: frozenset[str] = frozenset()
    # The brief's limits, if it sets them.
    max_days: int | None = None
    max_price: Decimal | None = None
    max_group_size: int | None = None
    # The country's calendar, passed in as data: public holidays and days off moved by the
    # government (date → its name), and weekend days made working days by such a transfer.
    holidays: Mapping[date, str] = field(default_factory=dict)
    working_weekends: frozenset[date] = frozenset()
    # The brief's shortlist of enterprises (site keys); None when the brief lists none.
    shortlist: frozenset[str] | None = None


@dataclass(frozen=True)
class Booking:
    """Another team's requested or confirmed visit to a site, for the clash check."""

    site_key: str
    on: date
    start_minute: int
    end_minute: int
    team: str
    group_size: int = 1
    confirmed: bool = False


@dataclass(frozen=True)
class Mode:
    """How a group travels a leg: door-to-door speed over the way actually travelled, that
    way's length against the straight line, and a fixed overhead per leg."""

    speed_kmh: float
    detour: float = 1.3
    overhead_minutes: int = 0


# Assumptions, not measurements: a coach averages 50 km/h on regional roads; a long-distance
# train about 60 km/h along the line (Novosibirsk–Krasnoyarsk, ~760 km, is 12–13 h), plus an
# hour to reach the station, board and leave it; a plane 600 km/h block speed in a straight
# line, plus three hours to reach the airport, check in, pass security and get to town.
MODES = {
    "coach": Mode(50.0),
    "walk": Mode(4.5),
    "train": Mode(60.0, overhead_minutes=60),
    "plane": Mode(600.0, detour=1.0, overhead_minutes=180),
}


@dataclass(frozen=True)
class Rules:
    modes: dict = field(default_factory=lambda: dict(MODES))
    max_day_minutes: int = 12 * 60
    meal_after_minutes: int = 6 * 60
    # A planned overnight leg by train at least this long is a night train: it is the
    # night's accommodation.
    night_train_minutes: int = 6 * 60


DEFAULT_RULES = Rules()


class Finding(NamedTuple):
    """One thing wrong with the route. A tuple, not a dataclass: a route makes dozens and
    the live check reruns on every change."""

    severity: str
    code: str
    stop: int | None
    # Russian: the finding's text, or its msgid with %(name)s placeholders filled from params
    # (the adapter translates the msgid and fills it in the reader's language).
    template: str
    params: dict | None = None

    @property
    def message(self) -> str:
        return self.template % self.params if self.params else self.template

    def as_dict(self) -> dict:
        return {
            "severity": self.severity,
            "code": self.code,
            "stop": self.stop,
            "message": self.message,
        }


def _finding(severity: str, code: str, stop: int | None, template: str, **params) -> Finding:
    return Finding(severity, code, stop, template, params)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# Distances between the points the live check has met (a team's route is checked again on
# every change, with the same sites); bounded, cleared when full.
_DISTANCES: dict[tuple[float, float, float, float], float] = {}
_DISTANCES_KEPT = 50_000


def _km(a: Site, b: Site) -> float:
    pair = (a.latitude, a.longitude, b.latitude, b.longitude)
    km = _DISTANCES.get(pair)
    if km is None:
        if len(_DISTANCES) >= _DISTANCES_KEPT:
            _DISTANCES.clear()
        km = _DISTANCES[pair] = haversine_km(*pair)
    return km


def transfer_minutes_needed(a: Site, b: Site, mode: str, rules: Rules = DEFAULT_RULES) -> int:
    """Minutes to get from a to b by the mode: the straight line × the mode's detour at its
    speed, plus its fixed overhead (none between two stops at the same place)."""
    return _minutes_for(_km(a, b), mode, rules)


def _minutes_for(km: float, mode: str, rules: Rules) -> int:
    if km == 0:
        return 0
    way = rules.modes.get(mode) or rules.modes["coach"]
    return math.ceil(km * way.detour / way.speed_kmh * 60) + way.overhead_minutes


def _ddmmyyyy(day: date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


_CLOCK = [f"{minute // 60:02d}:{minute % 60:02d}" for minute in range(1440)]


def _hhmm(minute: int) -> str:
    return _CLOCK[minute % 1440]


# The modes' names as RouteStop.Transfer labels them (the adapter translates them).
MODE_NAMES = {"coach": "автобус", "walk": "пешком", "train": "поезд", "plane": "самолёт"}


def _transfers(route: Route, rules: Rules, starts: list[int], out: list[Finding]) -> None:
    """Every leg, the overnight ones too (last stop of a day → the night's accommodation →
    the next day's first stop): the planned time must cover the mode's, and the group must
    arrive by the next stop's arrival."""
    stops = route.stops
    for i in range(len(stops) - 1):
        here, there = stops[i], stops[i + 1]
        a, b = here.site, there.site
        km = _km(a, b)
        needed = _minutes_for(km, here.transfer_mode, rules)
        if here.transfer_minutes < needed:
            params = {
                "from": a.name,
                "to": b.name,
                "mode": MODE_NAMES.get(here.transfer_mode, here.transfer_mode),
                "needed": needed,
                "planned": here.transfer_minutes,
            }
            # Too long for this mode in the planned time: would another one do?
            for other in ("train", "plane"):
                if other == here.transfer_mode:
                    continue
                if rules.modes[other].overhead_minutes >= here.transfer_minutes:
                    continue
                minutes = _minutes_for(km, other, rules)
                if minutes <= here.transfer_minutes:
                    params["other"] = MODE_NAMES[other]
                    params["other_needed"] = minutes
                    template = gettext_noop(
                        "Переезд «%(from)s» → «%(to)s» (%(mode)s) займёт около %(needed)s мин, "
                        "а запланировано %(planned)s; %(other)s успеет примерно за "
                        "%(other_needed)s мин — выберите другой способ."
                    )
                    break
            else:
                template = gettext_noop(
                    "Переезд «%(from)s» → «%(to)s» (%(mode)s) займёт около %(needed)s мин, "
                    "а запланировано %(planned)s."
                )
            out.append(Finding(ERROR, "transfer_too_short", here.position, template, params))
        arrives = starts[i] + here.stay_minutes + here.transfer_minutes
        due = starts[i + 1]
        if arrives > due:
            params = {"to": b.name, "at": _hhmm(arrives), "due": _hhmm(due)}
            if there.day == here.day:
                template = gettext_noop(
                    "К «%(to)s» группа приедет не раньше %(at)s, а прибытие назначено на %(due)s."
                )
            else:
                params["at_day"] = arrives // 1440 + 1
                params["day"] = there.day
                template = gettext_noop(
                    "К «%(to)s» группа приедет не раньше %(at)s (день %(at_day)s), а прибытие "
                    "назначено на %(due)s (день %(day)s)."
                )
            out.append(Finding(ERROR, "arrives_late", there.position, template, params))
        if (
            there.day > here.day
            and here.kind != ACCOMMODATION
            and there.kind != ACCOMMODATION
            and not (
                here.transfer_mode == "train" and here.transfer_minutes >= rules.night_train_minutes
            )
        ):
            out.append(
                Finding(
                    WARNING,
                    "no_accommodation",
                    there.position,
                    gettext_noop(
                        "Где группа ночует между «%(from)s» (день %(day)s) и «%(to)s»? Добавьте "
                        "остановку с типом «ночлег» или поезжайте ночным поездом."
                    ),
                    {"day": here.day, "from": a.name, "to": b.name},
                )
            )


def _opening(route: Route, stop: Stop, visit: date | None, start: int, out: list) -> None:
    """The site's days and hours; `start` is the arrival in minutes after the day's midnight."""
    site = stop.site
    if site.open_days is not None and visit is not None:
        holiday = route.holidays.get(visit)
        if holiday and not site.open_on_holidays:
            out.append(
                Finding(
                    ERROR,
                    "closed_day",
                    stop.position,
                    gettext_noop(
                        "«%(site)s» не принимает группы в праздник: %(date)s — %(holiday)s."
                    ),
                    {
                        "site": site.name,
                        "date": _ddmmyyyy(visit),
                        "holiday": holiday,
                        "day": visit.isoformat(),
                    },
                )
            )
        elif visit.weekday() not in site.open_days and not (
            # A Saturday made a working day is worked like a weekday by a weekday site.
            visit in route.working_weekends and site.open_days & WEEKDAYS
        ):
            out.append(
                Finding(
                    ERROR,
                    "closed_day",
                    stop.position,
                    gettext_noop("«%(site)s» не принимает группы в этот день недели (%(date)s)."),
                    {"site": site.name, "date": _ddmmyyyy(visit)},
                )
            )
    if site.opens_at and site.closes_at:
        opens = site.opens_at.hour * 60 + site.opens_at.minute
        closes = site.closes_at.hour * 60 + site.closes_at.minute
        if start < opens or start + stop.stay_minutes > closes:
            out.append(
                Finding(
                    ERROR,
                    "outside_hours",
                    stop.position,
                    gettext_noop(
                        "Визит на «%(site)s» %(start)s–%(end)s выходит за часы приёма групп "
                        "%(opens)s–%(closes)s."
                    ),
                    {
                        "site": site.name,
                        "start": _hhmm(start),
                        "end": _hhmm(start + stop.stay_minutes),
                        "opens": _hhmm(opens),
                        "closes": _hhmm(closes),
                    },
                )
            )
    if site.slot_starts and start not in site.slot_starts:
        out.append(
            _finding(
                ERROR,
                "off_slot",
                stop.position,
                _OFF_SLOT,
                site=site.name,
                slots=", ".join(_hhmm(m) for m in site.slot_starts),
                start=_hhmm(start),
            )
        )


def _admission(route: Route, stop: Stop, visit: date | None, out: list) -> None:
    site = stop.site
    if site.max_group_size and route.group_size and route.group_size > site.max_group_size:
        out.append(
            Finding(
                ERROR,
                "group_too_large",
                stop.position,
                _GROUP_TOO_LARGE,
                {"group": route.group_size, "site": site.name, "max": site.max_group_size},
            )
        )
    if (
        site.min_age
        and route.audience_min_age is not None
        and route.audience_min_age < site.min_age
    ):
        out.append(
            Finding(
                ERROR,
                "too_young",
                stop.position,
                _TOO_YOUNG,
                {"site": site.name, "min_age": site.min_age, "age": route.audience_min_age},
            )
        )
    if site.booking_lead_days and visit and route.planned_on:
        left = (visit - route.planned_on).days
        if left < site.booking_lead_days:
            out.append(
                Finding(
                    ERROR,
                    "booking_too_late",
                    stop.position,
                    _BOOKING_TOO_LATE,
                    {"site": site.name, "lead": site.booking_lead_days, "left": left},
                )
            )


def _safety_checklist(route: Route, out: list[Finding]) -> None:
    """Each checklist item of the route's sites the team has not answered, by name, at the
    first stop of its site (a site visited twice is asked once)."""
    answered, asked = route.safety_answered, set()
    for stop in route.stops:
        for item in stop.site.safety_items:
            key = item[0]
            if key in answered or key in asked:
                continue
            asked.add(key)
            finding = Finding(
                WARNING,
                "safety_item_open",
                stop.position,
                _SAFETY_ITEM_OPEN,
                {
                    "number": stop.position,
                    "site": stop.site.name,
                    "item": item[2],
                    "key": key,
                    "kind": item[1],
                    "detail": item[3],
                },
            )
            out.append(finding)


def _outside_shortlist(stop: Stop) -> Finding:
    return _finding(
        WARNING,
        "outside_shortlist",
        stop.position,
        _OUTSIDE_SHORTLIST,
        site=stop.site.name,
    )


def _days(route: Route, rules: Rules, starts: list[int]) -> Iterable[Finding]:
    by_day: dict[int, list[tuple[Stop, int]]] = {}
    for stop, start in zip(route.stops, starts, strict=True):
        by_day.setdefault(stop.day, []).append((stop, start))
        if stop.day > route.days:
            yield _finding(
                ERROR,
                "beyond_last_day",
                stop.position,
                gettext_noop("Остановка стоит на день %(day)s, а маршрут рассчитан на %(days)s."),
                day=stop.day,
                days=route.days,
            )
    for day, stops in sorted(by_day.items()):
        # The night's accommodation is not part of the day's programme.
        stops = [(s, start) for s, start in stops if s.kind != ACCOMMODATION]
        if not stops:
            continue
        length = max(start + s.stay_minutes for s, start in stops) - min(t for _, t in stops)
        if length > rules.max_day_minutes:
            yield _finding(
                ERROR,
                "day_too_long",
                None,
                gettext_noop("День %(day)s длится %(hours)s ч %(minutes)s мин — больше %(max)s ч."),
                day=day,
                hours=length // 60,
                minutes=length % 60,
                max=rules.max_day_minutes // 60,
            )
        if length > rules.meal_after_minutes and not any(s.is_meal for s, _ in stops):
            yield _finding(
                WARNING,
                "no_meal",
                None,
                gettext_noop(
                    "День %(day)s длиннее %(hours)s ч, а обеда в нём нет: добавьте остановку "
                    "с типом «питание» или предприятие, где кормят группы."
                ),
                day=day,
                hours=rules.meal_after_minutes // 60,
            )


def slot_overload(
    start: int, end: int, group_size: int, others: Iterable[Booking], capacity: int | None
) -> tuple[list[Booking], list[Booking]]:
    """Who crowds a visit [start, end) at a site: (the confirmed bookings that leave it no
    room, every booking that does), each empty when there is room. At any minute of the
    visit the groups there, ours included, are summed against the site's capacity; without
    a capacity the site takes one group at a time."""
    overlapping = [o for o in others if o.start_minute < end and start < o.end_minute]
    if not overlapping:
        return [], []

    def crowding(bookings: list[Booking]) -> list[Booking]:
        # The load only rises where a visit begins: our start, or another's inside ours.
        for moment in {start, *(o.start_minute for o in bookings if o.start_minute > start)}:
            there = [o for o in bookings if o.start_minute <= moment < o.end_minute]
            if not there:
                continue
            if capacity is None or group_size + sum(o.group_size for o in there) > capacity:
                return there
        return []

    return crowding([o for o in overlapping if o.confirmed]), crowding(overlapping)


def team_names(bookings: Iterable[Booking]) -> str:
    return ", ".join(sorted({f"«{b.team}»" for b in bookings}))


def _clashes(route: Route, visits: Sequence[date | None], bookings) -> Iterable[Finding]:
    if not bookings:
        return
    by_place = defaultdict(list)
    for other in bookings:
        by_place[other.site_key, other.on].append(other)
    group = route.group_size or 1
    for stop, visit in zip(route.stops, visits, strict=True):
        others = by_place.get((stop.site.key, visit)) if visit is not None else None
        if not others:
            continue
        start = stop.arrival.hour * 60 + stop.arrival.minute
        capacity = stop.site.slot_capacity
        end = start + stop.stay_minutes
        confirmed, any_held = slot_overload(start, end, group, others, capacity)
        if confirmed:
            yield _clash(ERROR, "clash_booked", stop, confirmed, group, capacity)
        elif any_held:
            yield _clash(WARNING, "clash", stop, any_held, group, capacity)


def _clash(severity, code, stop: Stop, crowd: list[Booking], group: int, capacity):
    teams = team_names(crowd)
    if severity == ERROR:
        if capacity is None:
            template = gettext_noop(
                "«%(site)s» принимает одну группу за раз, а на это время уже подтверждён "
                "визит: %(teams)s."
            )
        else:
            template = gettext_noop(
                "На «%(site)s» в это время уже подтверждены визиты (%(teams)s): с вашей "
                "группой там будет %(total)s чел. при вместимости %(capacity)s."
            )
    elif capacity is None:
        template = gettext_noop(
            "«%(site)s» принимает одну группу за раз, а на это время уже подана заявка: %(teams)s."
        )
    else:
        template = gettext_noop(
            "На «%(site)s» на это время уже поданы заявки (%(teams)s): с вашей группой там "
            "будет %(total)s чел. при вместимости %(capacity)s."
        )
    total = group + sum(b.group_size for b in crowd)
    return _finding(
        severity,
        code,
        stop.position,
        template,
        site=stop.site.name,
        teams=teams,
        total=total,
        capacity=capacity,
    )


def _price(route: Route) -> Iterable[Finding]:
    if route.price_per_person is None or not route.cost_per_person:
        return
    total = sum(route.cost_per_person, Decimal(0))
    if total != route.price_per_person:
        yield _finding(
            ERROR,
            "price_mismatch",
            None,
            gettext_noop("Статьи затрат дают %(total)s ₽ на человека, а цена — %(price)s ₽."),
            total=str(total),
            price=str(route.price_per_person),
        )


def _brief(route: Route) -> Iterable[Finding]:
    if route.max_days and route.days > route.max_days:
        yield _finding(
            ERROR,
            "brief_days",
            None,
            gettext_noop("Маршрут на %(days)s дн., а задание допускает не больше %(max)s."),
            days=route.days,
            max=route.max_days,
        )
    if route.max_price is not None and route.price_per_person is not None:
        if route.price_per_person > route.max_price:
            yield _finding(
                ERROR,
                "brief_budget",
                None,
                gettext_noop("Цена %(price)s ₽ выше бюджета задания %(max)s ₽."),
                price=str(route.price_per_person),
                max=str(route.max_price),
            )
    if route.max_group_size and route.group_size and route.group_size > route.max_group_size:
        yield _finding(
            ERROR,
            "brief_group",
            None,
            gettext_noop("Группа %(group)s чел. больше, чем допускает задание (%(max)s)."),
            group=route.group_size,
            max=route.max_group_size,
        )


def check_route(
    route: Route, *, rules: Rules = DEFAULT_RULES, bookings: Sequence[Booking] = ()
) -> list[Finding]:
    """All findings for the route: errors block submission, warnings do not."""
    stops = route.stops
    if not stops:
        return [
            Finding(ERROR, "no_stops", None, gettext_noop("В маршруте нет ни одной остановки."))
        ]
    # Each stop's arrival in minutes after the first day's midnight and its date, once.
    starts = [(s.day - 1) * 1440 + s.arrival.hour * 60 + s.arrival.minute for s in stops]
    first = route.start_date
    dates = (
        {day: first + timedelta(days=day - 1) for day in {s.day for s in stops}} if first else {}
    )
    visits = [dates.get(s.day) for s in stops]
    findings: list[Finding] = []
    _transfers(route, rules, starts, findings)
    shortlist, region = route.shortlist, route.region_id
    for stop, visit, start in zip(stops, visits, starts, strict=True):
        _opening(route, stop, visit, start % 1440, findings)
        _admission(route, stop, visit, findings)
        site = stop.site
        if region and site.region_id and site.region_id != region:
            findings.append(
                Finding(
                    WARNING,
                    "outside_region",
                    stop.position,
                    gettext_noop("«%(site)s» — не в регионе команды."),
                    {"site": site.name},
                )
            )
        # Only enterprises are shortlisted; a café or a hotel on the way is never outside it.
        if shortlist and site.key not in shortlist and site.key.startswith(ENTERPRISE_KEY):
            findings.append(_outside_shortlist(stop))
    _safety_checklist(route, findings)
    findings.extend(_days(route, rules, starts))
    findings.extend(_clashes(route, visits, bookings))
    findings.extend(_price(route))
    findings.extend(_brief(route))
    return findings


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)
