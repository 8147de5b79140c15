"""Public holidays and the government's transfers of days off are closed days: the checker
takes them as data, the adapter reads them from the `holidays` library."""

from datetime import date, time

from django.template.loader import render_to_string
from django.utils import translation

from assessments import route_findings
from assessments.feasibility import Route, Site, Stop, check_route
from tests.builders.routes import build_draft_route

PLANT = Site(
    "enterprise:1",
    "КАО «Азот»",
    55.3547,
    86.0873,
    open_days=frozenset(range(5)),
    opens_at=time(9),
    closes_at=time(17),
)
UNITY_DAY = date(2026, 11, 4)  # a Wednesday


def closed(route: Route) -> list[str]:
    return [f.message for f in check_route(route) if f.code == "closed_day"]


def one_stop(site: Site, on: date, **calendar) -> Route:
    return Route(stops=[Stop(1, site, 1, time(10), 60)], start_date=on, **calendar)


def test_a_weekday_holiday_is_a_closed_day_named_by_the_checker():
    route = one_stop(PLANT, UNITY_DAY, holidays={UNITY_DAY: "День народного единства"})
    assert closed(route) == [
        "«КАО «Азот»» не принимает группы в праздник: 04.11.2026 — День народного единства."
    ]
    assert closed(one_stop(PLANT, UNITY_DAY)) == []  # the same Wednesday, no calendar


def test_an_enterprise_open_on_holidays_takes_the_group():
    site = Site(**{**PLANT.__dict__, "open_on_holidays": True})
    assert closed(one_stop(site, UNITY_DAY, holidays={UNITY_DAY: "День народного единства"})) == []


def test_a_saturday_made_a_working_day_opens_a_weekday_site():
    saturday = date(2025, 11, 1)
    assert closed(one_stop(PLANT, saturday, working_weekends=frozenset({saturday}))) == []
    assert len(closed(one_stop(PLANT, saturday))) == 1


def test_the_library_knows_unity_day_and_the_2025_transfer():
    holidays, working = route_findings.calendar_for(date(2025, 11, 1), 4)
    assert holidays[date(2025, 11, 4)] == "День народного единства"
    # 1 November 2025 (a Saturday) was worked so that Monday 3 November could be a day off.
    assert date(2025, 11, 1) in working
    assert "перенесено" in holidays[date(2025, 11, 3)]
    assert date(2025, 11, 5) not in holidays


def test_a_route_on_4_november_is_reported_closed_from_the_database(demo):
    design = build_draft_route(demo)
    stops = list(design.versions.get().stops.select_related("enterprise"))
    content = {"start_date": UNITY_DAY, "days": 1, "group_size": 10}
    found = route_findings.findings(
        design=design, content=content, stops=stops, planned_on=date(2026, 9, 1)
    )
    closed_stops = [f["stop"] for f in found if f["code"] == "closed_day"]
    assert closed_stops == [1, 2]  # the two enterprises; lunch in a café is not a site
    messages = [f["message"] for f in found if f["code"] == "closed_day"]
    assert all("День народного единства" in message for message in messages)

    azot = stops[1].enterprise
    azot.open_on_holidays = True
    azot.save()
    stops = list(design.versions.get().stops.select_related("enterprise"))
    found = route_findings.findings(
        design=design, content=content, stops=stops, planned_on=date(2026, 9, 1)
    )
    assert [f["stop"] for f in found if f["code"] == "closed_day"] == [1]
    # The day after is an ordinary Thursday.
    content["start_date"] = date(2026, 11, 5)
    found = route_findings.findings(
        design=design, content=content, stops=stops, planned_on=date(2026, 9, 1)
    )
    assert [f for f in found if f["code"] == "closed_day"] == []


def test_the_enterprise_card_says_whether_the_site_takes_groups_on_holidays(demo):
    azot = demo.enterprises["КАО «Азот»"]
    with translation.override("ru"):
        card = render_to_string("blocks/enterprise_card.html", {"value": {"enterprise": azot}})
        assert "в государственные праздники и перенесённые выходные не принимает" in card
        azot.open_on_holidays = True
        card = render_to_string("blocks/enterprise_card.html", {"value": {"enterprise": azot}})
        assert "принимает группы и в праздники" in card
    with translation.override("en"):
        card = render_to_string("blocks/enterprise_card.html", {"value": {"enterprise": azot}})
        assert "takes groups on public holidays too" in card
