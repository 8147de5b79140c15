"""The home page finds deep pages by URL path in one lookup; it must agree with Wagtail's own
level-by-level routing on every page, and 404 the same way."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page

from courses.models import HomePage
from tests.helpers import login


def _walk(home, components):
    return Page.route(home, RequestFactory().get("/"), components)


def test_every_live_page_routes_to_itself_as_wagtail_would(demo, django_assert_max_num_queries):
    home = HomePage.objects.get()
    request = RequestFactory().get("/")
    pages = Page.objects.live().descendant_of(home).specific()
    assert pages.count() > 20  # programme, modules, lessons, assignment, cases, policy
    for page in pages:
        components = page.url_path[len(home.url_path) :].strip("/").split("/")
        with django_assert_max_num_queries(2):
            found = home.route(request, components).page
        assert found == page == _walk(home, components).page


def test_unpublished_and_unknown_pages_are_404_as_before(client, demo):
    lesson = demo.lessons[1]
    assert client.get(lesson.url).status_code in (200, 302)
    url = lesson.url
    lesson.unpublish()
    assert client.get(url).status_code == 404
    home = HomePage.objects.get()
    components = url.strip("/").split("/")
    with pytest.raises(Http404):
        _walk(home, components)
    assert client.get(demo.program.url + "no-such-page/").status_code == 404


def test_a_renamed_page_moves_at_once_though_its_address_was_cached(client, demo):
    lesson = demo.lessons[0]
    old = lesson.url
    login(client, demo.users["kuzbass_captain"])
    assert client.get(old).status_code == 200  # the address is now in the cache
    lesson.slug = "industrial-tourism-basics"
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert lesson.url != old
    assert client.get(old).status_code == 404
    assert client.get(lesson.url).status_code == 200


def test_an_editors_draft_keeps_the_structure_and_publishing_forgets_it(demo):
    from courses.selectors import STRUCTURE, program_structure
    from lms import cached

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
