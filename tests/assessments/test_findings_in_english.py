"""Every finding the checker makes reads whole in English with the EN switch: its text comes
from the catalogue, not from Russian formatted in; only the names of places stay as they are,
and a public holiday is named in English."""

import re
from datetime import date, time
from decimal import Decimal

from django.utils import translation

from assessments import route_findings
from assessments.checklist import items_for
from assessments.feasibility import Route, Site, Stop, check_route

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
PLANT = Site(
    "enterprise:1",
    "Азот",
    55.3547,
    86.0873,
    region_id=1,
    open_days=frozenset(range(5)),
    opens_at=time(9),
    closes_at=time(17),
    min_age=18,
    max_group_size=10,
    booking_lead_days=30,
    safety_items=items_for(
        1, ppe="каска", documents="", rules="Инструктаж у входа", photo="Только у проходной"
    ),
    slot_starts=(600,),
)
FAR = Site("enterprise:2", "Каучук", 54.98, 73.37, region_id=2)
UNITY_DAY = date(2026, 11, 4)
SATURDAY = date(2026, 11, 7)


def _routes() -> list[Route]:
    calendar = route_findings.calendar_for(UNITY_DAY, 5)
    busy = Route(
        stops=[
            Stop(1, PLANT, 1, time(8, 15), 600, transfer_minutes=10),
            Stop(2, FAR, 3, time(9), 60),
        ],
        group_size=30,
        audience_min_age=14,
        region_id=1,
        start_date=UNITY_DAY,
        planned_on=date(2026, 11, 1),
        days=2,
        price_per_person=Decimal("5000"),
        cost_per_person=[Decimal("100")],
        max_days=1,
        max_price=Decimal("4000"),
        max_group_size=25,
        holidays=calendar[0],
        working_weekends=calendar[1],
        shortlist=frozenset({"enterprise:9"}),
    )
    weekend = Route(stops=[Stop(1, PLANT, 1, time(10), 60)], start_date=SATURDAY)
    return [busy, weekend, Route(stops=[])]


def test_every_finding_has_an_english_text_with_only_place_names_left_in_russian():
    findings = [route_findings.finding_dict(f) for route in _routes() for f in check_route(route)]
    codes = {f["code"] for f in findings}
    assert {
        "closed_day",
        "outside_hours",
        "off_slot",
        "group_too_large",
        "too_young",
        "booking_too_late",
        "outside_shortlist",
        "outside_region",
        "beyond_last_day",
        "price_mismatch",
        "brief_days",
        "brief_budget",
        "brief_group",
        "transfer_too_short",
        "safety_item_open",
        "no_stops",
    } <= codes
    with translation.override("en"):
        english = [route_findings.finding_message(f) for f in findings]
    for text in english:
        # Place names («Азот», «Каучук») and the site's own checklist wording stay Russian.
        rest = re.sub(r"Азот|Каучук|каска|только у проходной", "", text)
        assert not CYRILLIC.search(rest), text
    assert any("Азот: safety briefing — " in t for t in english)
    assert any("Азот: photography rules: только у проходной — " in t for t in english)
    holiday = next(t for t in english if "public holiday" in t)
    assert "04.11.2026" in holiday and "Unity Day" in holiday
    with translation.override("ru"):
        russian = [route_findings.finding_message(f) for f in findings]
    assert russian == [f["message"] for f in findings]  # the kept Russian text, unchanged
    assert "«Азот» не принимает группы в праздник: 04.11.2026 — День народного единства." in (
        russian
    )


def test_the_studio_lists_the_checklist_in_english(client, demo):
    from django.urls import reverse

    from tests.builders.routes import build_draft_route, captain_of
    from tests.helpers import login

    design = build_draft_route(demo)
    login(client, captain_of(design))
    studio = reverse("assessments:studio", args=[design.id])
    assert "инструктаж по безопасности" in client.get(studio).content.decode()
    client.get(reverse("switch_language", args=["en"]), {"next": studio})
    page = client.get(studio).content.decode()
    assert "safety briefing" in page and "инструктаж по безопасности" not in page
