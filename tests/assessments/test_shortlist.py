"""The brief's shortlist («предприятия на выбор»): the studio offers those enterprises first,
and the checker warns (never blocks) about a stop at an enterprise outside it."""

import re
from datetime import time

from django.urls import reverse

from assessments import route_findings
from assessments.feasibility import WARNING, Route, Site, Stop, check_route
from assessments.models import RouteAssignmentPage
from tests.assessments.test_query_counts import queries
from tests.builders.routes import build_draft_route
from tests.helpers import login

AZOT = Site("enterprise:1", "КАО «Азот»", 55.35, 86.09, open_days=frozenset(range(5)))
PIT = Site("enterprise:2", "Кедровский разрез", 55.54, 86.07, open_days=frozenset(range(5)))
CAFE = Site("place:кафе", "Кафе", 55.35, 86.09)


def outside(route: Route) -> list:
    return [f for f in check_route(route) if f.code == "outside_shortlist"]


def test_a_stop_outside_the_shortlist_is_a_warning_naming_it():
    stops = [Stop(1, AZOT, 1, time(10), 60, transfer_minutes=60), Stop(2, PIT, 1, time(12), 60)]
    stops.append(Stop(3, CAFE, 1, time(14), 60))
    found = outside(Route(stops=stops, shortlist=frozenset({"enterprise:1"})))
    assert [(f.severity, f.stop) for f in found] == [(WARNING, 2)]
    assert "«Кедровский разрез» нет среди предприятий задания" in found[0].message
    assert outside(Route(stops=stops)) == []  # a brief without a list
    assert outside(Route(stops=stops, shortlist=frozenset({"enterprise:1", "enterprise:2"}))) == []


def shortlist(demo, *names):
    page = RouteAssignmentPage.objects.get(pk=demo.assignment.pk)
    page.enterprises.set([demo.enterprises[name] for name in names])
    page.save()


def test_the_studio_offers_the_briefs_enterprises_first(client, demo):
    design = build_draft_route(demo)
    shortlist(demo, "Кедровский угольный разрез", "ЕВРАЗ ЗСМК, рельсобалочный цех")
    login(client, demo.users["kuzbass_captain"])
    page = client.get(reverse("assessments:studio", args=[design.id])).content.decode()
    select = re.search(r'<select name="stops-0-enterprise".*?</select>', page, re.S).group(0)
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select, re.S)
    assert [label for label, _ in groups] == ["Предприятия задания", "Другие предприятия"]
    listed = re.findall(r"<option[^>]*>([^<]+)</option>", groups[0][1])
    assert [name.split(" (")[0] for name in listed] == [
        "ЕВРАЗ ЗСМК, рельсобалочный цех",
        "Кедровский угольный разрез",
    ]
    rest = groups[1][1]
    assert "КАО «Азот»" in rest and "Кедровский угольный разрез" not in rest
    # The rest: the team's region first, as without a list.
    regions = {str(e.pk): e.region_id for e in demo.enterprises.values()}
    rest_regions = [regions[pk] for pk in re.findall(r'<option value="(\d+)"', rest)]
    home = design.team.region_id
    assert home in rest_regions and rest_regions[-1] != home
    assert rest_regions == sorted(rest_regions, key=lambda r: r != home)


def test_the_checker_warns_about_a_stop_outside_the_briefs_list(demo):
    design = build_draft_route(demo)  # the pit, Azot, lunch in a café
    shortlist(demo, "Кедровский угольный разрез")
    design.assignment = RouteAssignmentPage.objects.get(pk=demo.assignment.pk)
    stops = list(design.versions.get().stops.select_related("enterprise"))
    found = route_findings.findings(design=design, content={"days": 1}, stops=stops)
    warned = [f for f in found if f["code"] == "outside_shortlist"]
    assert [(f["severity"], f["stop"]) for f in warned] == [("warning", 2)]
    assert "КАО «Азот»" in warned[0]["message"]


def test_the_shortlist_costs_the_studio_no_queries_per_enterprise(client, demo):
    design = build_draft_route(demo)
    login(client, demo.users["kuzbass_captain"])
    url = reverse("assessments:studio", args=[design.id])
    shortlist(demo, "Кедровский угольный разрез")
    one = queries(client, url)
    shortlist(demo, *list(demo.enterprises)[:5])
    assert queries(client, url) == one
