"""Feasibility checker throughput for `make bench`: 15-stop routes checked per second in one
process (goal ≥ 10,000/s on a machine whose CPU reference reads about 0.22 s; the rate times
the reference, which holds on a slow hour too, ≥ 2,200). Pure Python, no database: the
checker works on plain dataclasses."""

import random
import time
from datetime import date, timedelta
from datetime import time as clock
from decimal import Decimal

import holidays as country_calendars

from assessments.checklist import items_for
from assessments.feasibility import Booking, Route, Site, Stop, check_route
from bench.reference import cpu_reference, normalised

ROUTES = 2000
STOPS = 15
# Routes per second times the CPU reference (s): 12,370/s at 0.22 s, 3,192/s at 0.60 s.
NORMALISED_GOAL = 2_200


def _routes(seed: int = 2026) -> tuple[list[Route], list[Booking]]:
    rng = random.Random(seed)
    sites = [
        Site(
            key=f"enterprise:{i}",
            name=f"Предприятие {i}",
            latitude=54.0 + rng.random() * 2,
            longitude=85.0 + rng.random() * 3,
            region_id=1,
            open_days=frozenset(range(5)),
            opens_at=clock(8),
            closes_at=clock(18),
            min_age=rng.choice([None, 14, 18]),
            max_group_size=rng.choice([None, 15, 25]),
            booking_lead_days=rng.choice([None, 7, 14]),
            safety_items=items_for(
                i,
                ppe=rng.choice(["", "каска, жилет"]),
                documents=rng.choice(["", "паспорт"]),
                rules="Инструктаж перед входом",
                photo=rng.choice(["", "Только в обозначенных точках"]),
            ),
            serves_meals=rng.random() < 0.2,
            slot_starts=rng.choice([(), (), (), (), (600, 840)]),  # one site in five
        )
        for i in range(60)
    ]
    keys = [item.key for site in sites for item in site.safety_items]
    start = date(2027, 3, 1)
    # The country's calendar and the brief's shortlist, as the adapter passes them in.
    calendar = country_calendars.country_holidays("RU", years=2027, language="ru")
    holidays = dict(calendar.items())
    working_weekends = frozenset(calendar.weekend_workdays)
    shortlist = frozenset(f"enterprise:{i}" for i in range(40))
    routes = []
    for _ in range(ROUTES):
        stops, minute, day = [], 9 * 60, 1
        for position in range(1, STOPS + 1):
            if minute > 17 * 60:
                day, minute = day + 1, 9 * 60
            stay = rng.choice([30, 45, 60, 90])
            transfer = rng.choice([10, 20, 40, 60])
            stops.append(
                Stop(
                    position=position,
                    site=rng.choice(sites),
                    day=day,
                    arrival=clock(minute // 60, minute % 60),
                    stay_minutes=stay,
                    transfer_minutes=transfer,
                )
            )
            minute += stay + transfer
        routes.append(
            Route(
                stops=stops,
                group_size=rng.choice([10, 20, 30]),
                audience_min_age=16,
                region_id=1,
                start_date=start,
                planned_on=start - timedelta(days=10),
                days=day,
                price_per_person=Decimal("4500"),
                cost_per_person=[Decimal("300")] * STOPS,
                safety_plan="Инструктаж, каски, обед в столовой",
                # About half the checklist answered: the rest is reported open.
                safety_answered=frozenset(rng.sample(keys, len(keys) // 2)),
                max_days=3,
                max_price=Decimal("6000"),
                max_group_size=25,
                holidays=holidays,
                working_weekends=working_weekends,
                shortlist=shortlist,
            )
        )
    bookings = [
        # Other teams' requests and confirmed visits, of every cohort, with their group sizes.
        Booking(
            f"enterprise:{rng.randrange(60)}",
            start,
            600,
            700,
            f"Команда {i}",
            group_size=rng.randrange(5, 26),
            confirmed=i % 3 == 0,
        )
        for i in range(40)
    ]
    return routes, bookings


def _three_day_routes(seed: int = 2027) -> list[Route]:
    """Three days of five stops each: four visits, then the night's hotel (days 1 and 2),
    so that every route has two overnight legs; some legs too short for their mode."""
    rng = random.Random(seed)
    sites = [
        Site(
            key=f"e{i}",
            name=f"Предприятие {i}",
            latitude=54.0 + rng.random() * 2,
            longitude=85.0 + rng.random() * 3,
            open_days=frozenset(range(5)),
            opens_at=clock(8),
            closes_at=clock(18),
            serves_meals=rng.random() < 0.3,
        )
        for i in range(60)
    ]
    hotels = [Site(f"h{i}", f"Гостиница {i}", 55.0 + i / 10, 86.0 + i / 10) for i in range(6)]
    start = date(2027, 3, 1)
    routes = []
    for _ in range(ROUTES):
        stops = []
        for day in (1, 2, 3):
            minute = 9 * 60
            for visit in range(5):
                position = len(stops) + 1
                if visit == 4 and day < 3:
                    stops.append(
                        Stop(
                            position,
                            rng.choice(hotels),
                            day,
                            clock(20),
                            600,
                            rng.choice(["coach", "train"]),
                            rng.choice([60, 120, 240]),
                            "accommodation",
                        )
                    )
                    continue
                stay, transfer = rng.choice([45, 60, 90]), rng.choice([20, 40, 60])
                stops.append(
                    Stop(
                        position,
                        rng.choice(sites),
                        day,
                        clock(minute // 60, minute % 60),
                        stay,
                        "coach",
                        transfer,
                        rng.choice(["visit", "visit", "meal"]),
                    )
                )
                minute += stay + transfer
        routes.append(Route(stops=stops, start_date=start, days=3, group_size=20))
    return routes


def _rate(routes, bookings=()) -> tuple[float, int]:
    """Routes per second (median of 5 runs) and the findings of one run."""
    for route in routes[:100]:  # warm
        check_route(route, bookings=bookings)
    rates, findings = [], 0
    for _ in range(5):
        start = time.perf_counter()
        findings = 0
        for route in routes:
            findings += len(check_route(route, bookings=bookings))
        rates.append(len(routes) / (time.perf_counter() - start))
    rates.sort()
    return rates[2], findings


def figures() -> list[tuple[str, str, str]]:
    routes, bookings = _routes()
    rate, findings = _rate(routes, bookings)
    three_days = _three_day_routes()
    rate_3, findings_3 = _rate(three_days)
    return [
        (
            f"Routes checked per second ({STOPS} stops)",
            f"{rate:,.0f}/s",
            "median of 5; goal ≥ 10,000/s at a CPU reference of about 0.22 s",
        ),
        (
            "Routes per second × CPU reference",
            f"{normalised(rate):,.0f}",
            f"{rate:,.0f}/s × {cpu_reference():.2f} s; goal ≥ {NORMALISED_GOAL:,} "
            f"({'met' if normalised(rate) >= NORMALISED_GOAL else 'NOT met'})",
        ),
        (
            "Findings per route (average)",
            f"{findings / len(routes):.1f}",
            "the checks did real work",
        ),
        (
            "Three-day routes checked per second (15 stops, two overnight legs)",
            f"{rate_3:,.0f}/s",
            f"median of 5; {findings_3 / len(three_days):.1f} findings per route",
        ),
    ]
