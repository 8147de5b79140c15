"""Every content page says where it sits: home › programme › module › lesson, and for a
team's route programme › assignment › route; the page itself last, marked current."""

import re

from django.urls import reverse

from assessments.services import draft_of
from courses.models import CaseStudyPage
from tests.builders.routes import build_submitted_route, captain_of
from tests.helpers import login

TRAIL = re.compile(r'<nav class="breadcrumbs" aria-label="[^"]+">\s*<ol>(.*?)</ol>', re.S)
CRUMB = re.compile(r'<li><a href="([^"]*)"( aria-current="page")?>([^<]*)</a></li>')


def trail(html: str) -> list[tuple[str, str, bool]]:
    """(url, title, current) of each crumb on the page."""
    found = TRAIL.search(html)
    assert found, "no breadcrumbs"
    return [(url, title, bool(current)) for url, current, title in CRUMB.findall(found[1])]


def test_a_lesson_sits_under_home_programme_and_module(client, demo):
    lesson = demo.lessons[0]
    module = lesson.get_parent()
    login(client, demo.users["kuzbass_member"])
    html = client.get(lesson.url).content.decode()
    assert trail(html) == [
        ("/", "Главная", False),
        (demo.program.url, demo.program.title, False),
        (module.url, module.title, False),
        (lesson.url, lesson.title, True),
    ]


def test_the_route_studio_its_changes_and_review_sit_under_programme_and_assignment(client, demo):
    design = build_submitted_route(demo)
    expected = [
        ("/", "Главная", False),
        (demo.program.url, demo.program.title, False),
        (demo.assignment.url, demo.assignment.title, False),
    ]
    route = f"Маршрут команды «{design.team.name}»"
    login(client, captain_of(design))
    studio = reverse("assessments:studio", args=[design.id])
    assert trail(client.get(studio).content.decode()) == [*expected, (studio, route, True)]
    draft = draft_of(design)
    diff = reverse("assessments:diff", args=[design.id, draft.number])
    assert trail(client.get(diff).content.decode()) == [
        *expected,
        (studio, route, False),
        (diff, "Что изменилось в черновике", True),
    ]
    login(client, demo.users["mentor"])
    review = reverse("assessments:review", args=[design.id])
    assert trail(client.get(review).content.decode()) == [*expected, (review, route, True)]


def test_case_studies_and_the_programme_page_have_their_trail(client, demo):
    case = CaseStudyPage.objects.live().filter(locale__language_code="ru").first()
    html = client.get(demo.program.url).content.decode()
    assert trail(html) == [("/", "Главная", False), (demo.program.url, demo.program.title, True)]
    html = client.get("/cases/").content.decode()
    crumbs = trail(html)
    assert crumbs[0] == ("/", "Главная", False) and crumbs[-1][0] == "/cases/" and crumbs[-1][2]
    crumbs = trail(client.get(case.url).content.decode())
    assert [url for url, _title, _current in crumbs] == ["/", "/cases/", case.url]


def test_the_trail_speaks_english_in_english(client, demo):
    client.get("/language/en/", {"next": "/"})
    html = client.get(demo.program.url).content.decode()
    assert 'aria-label="Breadcrumb"' in html
    assert trail(html)[0] == ("/", "Home", False)


def test_the_trail_is_read_once_and_follows_a_renamed_module(client, demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lesson = demo.lessons[0]
    module = lesson.get_parent().specific
    login(client, demo.users["kuzbass_member"])
    client.get(lesson.url)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(lesson.url).content.decode()
    # The ancestors come from the cache: no query reads the pages above the lesson.
    assert not [q for q in queries if '"wagtailcore_page"."depth" > 1' in q["sql"]]
    assert module.title in [title for _url, title, _current in trail(html)]
    module.title = "Промышленный туризм: новое название модуля"
    module.save_revision().publish()
    titles = [title for _url, title, _current in trail(client.get(lesson.url).content.decode())]
    assert "Промышленный туризм: новое название модуля" in titles
