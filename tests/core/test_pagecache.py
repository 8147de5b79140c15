"""Whole public pages cached for visitors: served without reading their content, never to a
signed-in user, never with a form's CSRF token, per language and address, and stale as soon as
what they show changes."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page

from core.pagecache import DRAFT_ONLY, HIT_HEADER
from courses.models import CaseStudyIndexPage, CaseStudyPage, ProgramPage
from lms.models import Cohort
from tests.builders.learning import pass_lesson
from tests.helpers import login


def _twice(client, url, **extra):
    """Two requests; the second one's queries beyond Wagtail's routing (site, page, view
    restrictions), which runs before the cache on every request."""
    first = client.get(url, **extra)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url, **extra)
    own = [q["sql"] for q in queries if "wagtailcore_" not in q["sql"].split(" WHERE ")[0]]
    return first, second, len(own)


def test_a_visitor_gets_the_programme_page_from_the_cache_without_a_query(client, demo):
    first, second, queries = _twice(client, demo.program.url)
    assert first[HIT_HEADER] == "miss" and second[HIT_HEADER] == "hit"
    assert second.content == first.content and demo.program.title in second.content.decode()
    assert queries == 0
    assert second["Content-Type"] == first["Content-Type"]
    assert "Cookie" in second["Vary"]
    assert "Content-Security-Policy" in second  # the middleware still adds its headers


def test_public_pages_carry_no_csrf_token(client, demo):
    for url in ("/", demo.program.url, demo.modules[0].url):
        page = client.get(url).content.decode()
        assert "csrfmiddlewaretoken" not in page, url
        assert client.get(url)[HIT_HEADER] == "hit", url


def test_signed_in_people_never_get_or_leave_a_cached_page(client, demo):
    client.get(demo.program.url)  # a visitor's copy is kept
    login(client, demo.users["kuzbass_captain"])
    response = client.get(demo.program.url)
    assert HIT_HEADER not in response
    page = response.content.decode()
    assert "Мой кабинет" in page and "Войти" not in page
    client.logout()
    # After logout the messages cookie may be set; a fresh visitor sees the visitor's page.
    client.cookies.clear()
    page = client.get(demo.program.url).content.decode()
    assert "Мой кабинет" not in page and "Войти" in page


def test_a_page_with_a_csrf_token_is_not_kept(client, demo, monkeypatch):
    from django.middleware.csrf import get_token

    original = ProgramPage.get_context

    def with_form(self, request, *args, **kwargs):
        get_token(request)  # as {% csrf_token %} in a template would
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(ProgramPage, "get_context", with_form)
    first, second, queries = _twice(client, demo.program.url)
    assert first[HIT_HEADER] == second[HIT_HEADER] == "miss" and queries > 0


def test_each_language_and_query_has_its_own_copy(client, demo):
    russian = client.get("/").content.decode()
    client.get(reverse("switch_language", args=["en"]), {"next": "/"})
    english = client.get("/")
    assert english[HIT_HEADER] == "miss"
    assert '<html lang="en">' in english.content.decode() and '<html lang="ru">' in russian
    assert client.get("/")[HIT_HEADER] == "hit"
    index = CaseStudyIndexPage.objects.get(locale__language_code="ru")
    region = CaseStudyPage.objects.live().filter(locale__language_code="ru").first().region_id
    assert client.get(index.url)[HIT_HEADER] == "miss"
    filtered = client.get(index.url, {"region": region})
    assert filtered[HIT_HEADER] == "miss" and filtered.content != client.get(index.url).content
    assert client.get(index.url, {"region": region})[HIT_HEADER] == "hit"
    # A query the pages do not know is answered but not kept.
    for _ in range(2):
        assert HIT_HEADER not in client.get(index.url, {"utm_source": "mail"})


def test_publishing_a_page_or_opening_a_cohort_shows_at_once(client, demo):
    assert client.get(demo.program.url)[HIT_HEADER] == "miss"
    assert client.get(demo.program.url)[HIT_HEADER] == "hit"
    demo.program.title = "Промышленный туризм: новая редакция"
    demo.program.save_revision().publish()
    page = client.get(demo.program.url)
    assert page[HIT_HEADER] == "miss" and "новая редакция" in page.content.decode()
    Cohort.objects.create(
        title="Весенний поток 2027",
        program=demo.program,
        enrolment_open=True,
        starts_on=dt.date(2027, 3, 1),
        ends_on=dt.date(2027, 6, 1),
    )
    page = client.get(demo.program.url).content.decode()
    assert "Весенний поток 2027" in page


def test_drafts_and_unrelated_writes_keep_the_copy(client, demo):

    client.get(demo.program.url)
    pass_lesson(demo.users["kuzbass_captain"], demo.lessons[0])  # a quiz attempt, progress
    demo.lessons[1].save_revision()  # an editor's draft, not published
    assert client.get(demo.program.url)[HIT_HEADER] == "hit"


def test_the_language_links_switch_and_refuse_other_sites(client, demo):
    url = reverse("switch_language", args=["en"])
    response = client.get(url, {"next": "/verify/"})
    assert response.status_code == 302 and response["Location"] == "/verify/"
    assert client.cookies["django_language"].value == "en"
    assert "Certificate check" in client.get("/verify/").content.decode()
    response = client.get(
        reverse("switch_language", args=["ru"]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    assert client.get(reverse("switch_language", args=["de"])).status_code == 404
    page = client.get("/").content.decode()
    assert 'aria-current="true" lang="ru"' in page and 'hreflang="en"' in page


def test_a_view_restriction_added_later_still_applies(client, demo):
    from wagtail.models import PageViewRestriction

    assert client.get(demo.program.url).status_code == 200  # kept for visitors
    PageViewRestriction.objects.create(
        page=demo.program, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(demo.program.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_draft_fields_it_knows_are_wagtails_own():
    """DRAFT_ONLY names what Wagtail writes on a draft or a lock; a rename in a Wagtail
    upgrade would leave a dead name here (and drafts would make every copy stale)."""
    page_fields = {field.name for field in Page._meta.get_fields()}
    assert DRAFT_ONLY <= page_fields, DRAFT_ONLY - page_fields


def test_a_draft_and_a_lock_write_only_the_draft_fields(demo, monkeypatch):
    written = []
    original = Page.save

    def recording(self, *args, **kwargs):
        written.append(set(kwargs.get("update_fields") or ["<every field>"]))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Page, "save", recording)
    lesson = demo.lessons[1]
    lesson.title = "Черновик"
    lesson.save_revision()
    lesson.locked, lesson.locked_by = True, demo.users["admin"]
    lesson.save(update_fields=["locked", "locked_by"])
    assert written and all(fields <= DRAFT_ONLY for fields in written), written
