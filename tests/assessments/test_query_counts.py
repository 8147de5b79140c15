"""The studio and the review queue cost the same queries for 1 or 50 stops, 1 or 500 teams."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import RouteDesign, RouteDesignVersion, RouteStop
from assessments.services import draft_of, start_route
from courses.models import Enterprise
from lms.models import Region, Team
from tests.builders.routes import build_submitted_route
from tests.helpers import login


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_stops(version, count):

    sites = list(Enterprise.objects.all())
    RouteStop.objects.bulk_create(
        RouteStop(
            version=version,
            position=version.stops.count() + i + 1,
            enterprise=sites[i % len(sites)],
            day=1,
            arrival_time=dt.time(9, 0),
            stay_minutes=30,
            transfer_minutes=10,
        )
        for i in range(count)
    )


def add_teams(demo, count):
    region = Region.objects.first()
    teams = Team.objects.bulk_create(
        Team(cohort=demo.cohort, region=region, name=f"Команда {i}", mentor=demo.users["mentor"])
        for i in range(count)
    )
    designs = RouteDesign.objects.bulk_create(
        RouteDesign(team=t, assignment=demo.assignment, state=RouteDesign.State.SUBMITTED)
        for t in teams
    )
    RouteDesignVersion.objects.bulk_create(
        RouteDesignVersion(design=d, number=1, title="Маршрут") for d in designs
    )


def test_studio_queries_do_not_grow_with_stops(client, demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    add_stops(draft_of(design), 1)
    login(client, demo.users["kuzbass_captain"])
    url = reverse("assessments:studio", args=[design.id])
    one = queries(client, url)
    add_stops(draft_of(design), 49)
    assert queries(client, url) == one


def test_review_queue_and_review_page_queries_do_not_grow_with_teams_or_stops(client, demo):
    design = build_submitted_route(demo)
    login(client, demo.users["mentor"])
    queue = reverse("assessments:review_queue")
    review = reverse("assessments:review", args=[design.id])
    small = (queries(client, queue), queries(client, review))
    add_teams(demo, 500)
    add_stops(design.versions.get(number=1), 47)
    assert (queries(client, queue), queries(client, review)) == small


def test_a_long_review_queue_is_paged_oldest_first(client, demo):
    first = build_submitted_route(demo)
    add_teams(demo, 30)
    login(client, demo.users["mentor"])
    queue = reverse("assessments:review_queue")
    page = client.get(queue).content.decode()
    assert page.count('class="button" href="/routes/') == 25
    assert "Ждут проверки: 31" in page and "страница 1 из 2" in page
    assert f'href="/routes/{first.id}/review/"' in page  # the oldest leads page 1
    rest = client.get(queue, {"page": 2}).content.decode()
    assert rest.count('class="button" href="/routes/') == 6 and "страница 2 из 2" in rest
    assert client.get(queue, {"page": "999"}).status_code == 200  # the last page, no error
    # A page number whose offset leaves the database's 64-bit range: still the last page.
    for huge in ("4611686018427387904", "9" * 30):
        last = client.get(queue, {"page": huge})
        assert last.status_code == 200 and "страница 2 из 2" in last.content.decode()


def test_the_mentor_dashboard_counts_waiting_routes_in_one_query(client, demo):
    build_submitted_route(demo)
    login(client, demo.users["mentor"])
    url = reverse("dashboard")
    assert "1 маршрут ждёт проверки" in client.get(url).content.decode()
    add_teams(demo, 30)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    assert "Маршрутов ждут проверки: 31" in page
    # Counted by the database, not by loading every waiting route with its team and page.
    waiting = [q["sql"] for q in captured if 'FROM "assessments_routedesign"' in q["sql"]]
    # One query: the oldest few shown, the total beside them (COUNT(*) OVER ()).
    assert len(waiting) == 1 and "COUNT(" in waiting[0] and "LIMIT" in waiting[0]


def test_late_marks_in_the_queue_and_the_report_cost_no_queries_per_route(client, demo):
    late = {"submitted_at": demo.assignment.deadline + dt.timedelta(hours=5), "is_late": True}
    late |= {"late_by": dt.timedelta(hours=5), "late_penalty": 10}
    build_submitted_route(demo)
    RouteDesignVersion.objects.filter(number=1).update(**late)
    login(client, demo.users["mentor"])
    queue = reverse("assessments:review_queue")
    report = reverse("cohort_report", args=[demo.cohort.id])
    small = (queries(client, queue), queries(client, report))
    add_teams(demo, 30)
    RouteDesignVersion.objects.filter(number=1).update(**late)
    assert (queries(client, queue), queries(client, report)) == small
    assert client.get(queue).content.decode().count("после срока на 5 ч · балл −10\u00a0%") == 25
