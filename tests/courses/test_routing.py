"""The home page finds a page by its whole path in one query (core.pages.RoutedByPath; `make
bench` measured the lesson page ~30 % faster with it) and answers exactly as Wagtail's own walk
down the tree: these tests fail when Wagtail's routing changes under the shortcut. Addresses
follow renames."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page

from core import cached
from courses.selectors import STRUCTURE, program_structure
from tests.helpers import login


def _walk(home, components):
    return Page.route(home, RequestFactory().get("/"), components)


def _shortcut(home, components):
    return home.route(RequestFactory().get("/"), components)


def test_every_live_page_routes_to_itself_as_wagtail_would(demo):
    home = demo.home
    pages = Page.objects.live().descendant_of(home).specific()
    assert pages.count() > 20  # programme, modules, lessons, assignment, cases, policy
    for page in pages:
        components = page.url_path[len(home.url_path) :].strip("/").split("/")
        walked, found = _walk(home, components), _shortcut(home, components)
        assert walked.page == page
        assert (type(found.page), found.page, found.args, found.kwargs) == (
            type(walked.page),
            walked.page,
            walked.args,
            walked.kwargs,
        )


def test_a_lesson_four_levels_down_is_found_in_two_queries(demo, django_assert_num_queries):
    home = demo.home
    lesson = demo.lessons[-1]
    components = lesson.url_path[len(home.url_path) :].strip("/").split("/")
    assert len(components) >= 3
    with django_assert_num_queries(2):  # the page by its path, then its own row
        assert _shortcut(home, components).page == lesson


def test_unpublished_and_unknown_pages_are_404_as_before(client, demo):
    lesson = demo.lessons[1]
    assert client.get(lesson.url).status_code in (200, 302)
    url = lesson.url
    lesson.unpublish()
    assert client.get(url).status_code == 404
    home = demo.home
    components = url.strip("/").split("/")
    with pytest.raises(Http404):
        _walk(home, components)
    with pytest.raises(Http404):
        _shortcut(home, components)
    assert client.get(demo.program.url + "no-such-page/").status_code == 404


def test_a_renamed_page_moves_at_once(client, demo):
    lesson = demo.lessons[0]
    old = lesson.url
    login(client, demo.users["kuzbass_captain"])
    assert client.get(old).status_code == 200
    lesson.slug = "industrial-tourism-basics"
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert lesson.url != old
    assert client.get(old).status_code == 404
    assert client.get(lesson.url).status_code == 200


def test_an_editors_draft_keeps_the_structure_and_publishing_forgets_it(demo):
    program_structure(demo.program)
    assert cached.lookup(STRUCTURE, demo.program.pk).hit
    lesson = demo.lessons[2]
    lesson.title = "Черновик нового названия"
    revision = lesson.save_revision()
    assert cached.lookup(STRUCTURE, demo.program.pk).hit
    revision.publish()
    assert not cached.lookup(STRUCTURE, demo.program.pk).hit
    titles = [page.title for page in program_structure(demo.program)[1]]
    assert "Черновик нового названия" in titles
