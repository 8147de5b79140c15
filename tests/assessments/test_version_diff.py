"""A person reads what changed between two versions of a route: the mentor, and the team
between its own versions and its draft; nobody else."""

import dataclasses
import datetime as dt
import re
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.services import (
    StopData,
    draft_of,
    review_route,
    save_route_draft,
    submit_route,
)
from tests.builders.routes import points
from tests.helpers import login

STATION = StopData(
    None,
    dt.time(8, 30),
    30,
    60,
    place_name="Сбор у Кемеровского вокзала",
    latitude=Decimal("55.343600"),
    longitude=Decimal("86.059700"),
)


def draft_stops(design) -> list[StopData]:
    return [StopData.of(s) for s in draft_of(design).stops.all()]


def next_version(demo, design, *, stops, submit=True, **fields):
    """The mentor returns the route and the captain saves (and submits) the next version."""
    latest = design.versions.filter(submitted_at__isnull=False).latest("number")
    review_route(
        version=latest,
        mentor=demo.users["mentor"],
        points=points(design),
        comment="Доработайте",
        decision="return",
    )
    captain = demo.users["kuzbass_captain"]
    draft = draft_of(design)
    fields = {"title": draft.title, "narrative": draft.narrative, **fields}
    save_route_draft(
        design=design, user=captain, stops=stops, lock_version=draft.lock_version, **fields
    )
    if submit:
        submit_route(design=design, user=captain)


def diff_page(client, design, number, **params):
    response = client.get(reverse("assessments:diff", args=[design.id, number]), params)
    return response, response.content.decode()


def stop_statuses(page) -> list[str]:
    return re.findall(r'data-status="(\w+)"', page)


def test_an_inserted_stop_reads_as_one_insertion_with_names_times_and_labels(
    client, demo, submitted_route
):
    stops = draft_stops(submitted_route)
    stops[1] = dataclasses.replace(stops[1], arrival_time=dt.time(12, 20), stay_minutes=110)
    next_version(demo, submitted_route, stops=[STATION, *stops])
    login(client, demo.users["mentor"])
    response, page = diff_page(client, submitted_route, 2)
    assert response.status_code == 200
    assert stop_statuses(page) == ["added", "same", "changed", "same"]
    assert "Сбор у Кемеровского вокзала" in page
    assert "Добавлено: 1, убрано: 0, перемещено: 0, изменено: 1." in page
    # The changed stop by its enterprise's name, with its attributes labelled and formatted.
    assert "КАО «Азот»" in page
    assert "<dt>Прибытие</dt>" in page and "<del>12:10</del> → <ins>12:20</ins>" in page
    assert "<dt>На месте</dt>" in page and "<del>120 мин</del> → <ins>110 мин</ins>" in page
    for raw in ("enterprise_id", "arrival_time", "12:20:00", "stay_minutes", "[{"):
        assert raw not in page


def test_a_moved_and_a_removed_stop_are_named_as_such(client, demo, submitted_route):
    pit, azot, lunch = draft_stops(submitted_route)
    lunch = dataclasses.replace(lunch, arrival_time=dt.time(10, 0), day=1)
    pit = dataclasses.replace(pit, arrival_time=dt.time(12, 0))
    next_version(demo, submitted_route, stops=[lunch, pit], submit=False)
    login(client, demo.users["kuzbass_member"])
    response, page = diff_page(client, submitted_route, 2)
    assert response.status_code == 200
    # The lunch was carried furthest: it moved; the pit only shifted (with a new time).
    assert stop_statuses(page) == ["moved", "changed", "removed"]
    assert "№3 → №1" in page and "была №2" in page
    assert "Добавлено: 0, убрано: 1, перемещено: 1" in page


def test_fields_are_labelled_and_formatted_for_the_reader(client, demo, submitted_route):
    next_version(
        demo,
        submitted_route,
        stops=draft_stops(submitted_route),
        title="Уголь и азот",
        audience="schoolchildren",
        group_size=12,
        start_date=dt.date(2027, 6, 1),
        price_per_person=Decimal("4500.00"),
    )
    login(client, demo.users["mentor"])
    page = diff_page(client, submitted_route, 2)[1]
    assert "<dt>Название маршрута</dt>" in page
    assert "<del>Уголь, азот и рельсы</del> → <ins>Уголь и азот</ins>" in page
    assert "<dt>Целевая аудитория</dt>" in page and "<ins>школьники 14+</ins>" in page
    assert "<dt>Размер группы</dt>" in page and "<ins>12</ins>" in page
    assert "<ins>1 июня 2027 г.</ins>" in page
    assert "<ins>4\xa0500,00</ins>" in page
    assert "Остановки не менялись." in page

    client.cookies["django_language"] = "en"
    page = diff_page(client, submitted_route, 2)[1]
    assert "<dt>Target audience</dt>" in page and "<ins>schoolchildren 14+</ins>" in page
    assert "<dt>Group size</dt>" in page and "<ins>4,500.00</ins>" in page
    assert "Stops unchanged." in page


def test_costs_show_as_a_table_of_the_changed_lines(client, demo, submitted_route):
    before = [{"label": "Трансфер", "amount": "1500.00"}, {"label": "Обед", "amount": "600.00"}]
    after = [
        {"label": "Трансфер", "amount": "1800.00"},
        {"label": "Обед", "amount": "600.00"},
        {"label": "Каски и жилеты", "amount": "200.00"},
    ]
    draft = draft_of(submitted_route)
    draft.cost_items = before
    draft.save()
    stops = draft_stops(submitted_route)
    # v2 has the first costs, v3 the second: the diff of v3 compares them.
    next_version(demo, submitted_route, stops=stops, cost_items=before)
    next_version(demo, submitted_route, stops=stops, cost_items=after)
    login(client, demo.users["mentor"])
    page = diff_page(client, submitted_route, 3)[1]
    table = page[page.index('<table class="table diff-costs">') : page.index("</table>")]
    rows = re.findall(r"<tr class=\"(\w+)\"><th scope=\"row\">([^<]+)", table)
    assert rows == [("changed", "Трансфер "), ("added", "Каски и жилеты ")]
    assert "<del>1\xa0500,00</del>" in table and "<ins>1\xa0800,00</ins>" in table
    assert "+300,00" in table
    assert "Обед" not in table
    assert "2\xa0100,00" in table and "2\xa0600,00" in table  # the totals


def test_long_texts_show_word_changes_and_user_text_stays_escaped(client, demo, submitted_route):
    stops = draft_stops(submitted_route)
    stops[0] = dataclasses.replace(stops[0], notes="Каски выдают на входе")
    next_version(
        demo,
        submitted_route,
        stops=stops,
        narrative="Один долгий день — три отрасли Кузбасса <script>alert(1)</script>.",
    )
    login(client, demo.users["mentor"])
    page = diff_page(client, submitted_route, 2)[1]
    assert "Один<ins> долгий</ins> день — три отрасли Кузбасса" in page
    assert "&lt;script&gt;alert" in page and "<script>alert" not in page
    assert "<dt>Заметки</dt>" in page and "<ins>Каски выдают на входе</ins>" in page


def test_the_team_compares_its_own_versions_and_its_draft_and_others_get_404(
    client, demo, submitted_route
):
    stops = draft_stops(submitted_route)
    next_version(demo, submitted_route, stops=stops, title="Вторая")
    next_version(demo, submitted_route, stops=[STATION, *stops], title="Третья", submit=False)
    draft = draft_of(submitted_route)
    login(client, demo.users["kuzbass_member"])
    studio = client.get(reverse("assessments:studio", args=[submitted_route.id])).content.decode()
    assert reverse("assessments:diff", args=[submitted_route.id, 2]) in studio
    assert reverse("assessments:diff", args=[submitted_route.id, draft.number]) in studio

    response, page = diff_page(client, submitted_route, draft.number)
    assert response.status_code == 200
    assert "Черновик против версии 2." in page and stop_statuses(page).count("added") == 1
    response, page = diff_page(client, submitted_route, draft.number, against=1)
    assert "Черновик против версии 1." in page and "<del>Уголь, азот и рельсы</del>" in page
    response, page = diff_page(client, submitted_route, 2, against=2)
    assert response.status_code == 400
    assert "Сравнить можно только с одной из более ранних версий маршрута." in page

    login(client, demo.users["mentor"])
    assert diff_page(client, submitted_route, 2)[0].status_code == 200
    assert diff_page(client, submitted_route, draft.number)[0].status_code == 404
    for outsider in ("omsk_member", "omsk_captain"):
        login(client, demo.users[outsider])
        assert diff_page(client, submitted_route, 2)[0].status_code == 404
        assert diff_page(client, submitted_route, draft.number)[0].status_code == 404


def test_the_first_version_has_nothing_to_compare_with(client, demo, submitted_route):
    login(client, demo.users["kuzbass_captain"])
    assert diff_page(client, submitted_route, 1)[0].status_code == 404


def test_the_diff_reads_in_a_fixed_number_of_queries(client, demo, submitted_route):
    from courses.models import Enterprise

    sites = list(Enterprise.objects.order_by("pk"))

    def stops(count):
        return [StopData(sites[i % len(sites)].pk, dt.time(9, 0), 30, 10) for i in range(count)]

    def queries():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return [q["sql"] for q in captured]

    next_version(demo, submitted_route, stops=stops(3), submit=False)
    login(client, demo.users["kuzbass_captain"])
    url = reverse("assessments:diff", args=[submitted_route.id, 2])
    few = queries()
    draft = draft_of(submitted_route)
    save_route_draft(
        design=submitted_route,
        user=demo.users["kuzbass_captain"],
        stops=stops(40),
        lock_version=draft.lock_version,
        title=draft.title,
    )
    many = queries()
    assert len(many) == len(few)
    assert sum('FROM "courses_enterprise"' in sql for sql in many) == 1
