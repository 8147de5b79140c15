"""With DEBUG off (as in the demo and in production) a missing page and a failing view get
our own pages, and static files are still served (WhiteNoise)."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings


@pytest.fixture
def no_debug(settings):
    settings.DEBUG = False
    return settings


def test_a_missing_page_is_our_404_in_russian_and_english(client, demo, no_debug):
    response = client.get("/no-such-page/at-all/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Страница не найдена" in page and "Промтуризм.Академия" in page
    assert 'href="/static/css/site.css"' in page  # the site's own look
    client.get("/language/en/")
    page = client.get("/no-such-page/at-all/").content.decode()
    assert "Page not found" in page


def test_a_huge_id_is_our_404_too(client, demo, no_debug):
    response = client.get("/certificates/99999999999999999999/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


@override_settings(ROOT_URLCONF="tests.core.error_urls")
def test_a_failing_view_is_our_500_page(db, no_debug):
    client = Client(raise_request_exception=False)
    response = client.get("/test-only/fail/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Ошибка на сервере" in page and "Промтуризм.Академия" in page
    assert "RuntimeError" not in page and "Traceback" not in page
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_the_500_page_renders_without_any_context():
    # handler500 runs when anything may be broken: the page needs no request, no database.
    from core.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "Ошибка на сервере" in response.content.decode()


def test_static_files_are_served_with_debug_off(tmp_path, db, no_debug):
    # Served from STATIC_ROOT, as `make demo` fills it with collectstatic.
    (tmp_path / "css").mkdir()
    shutil.copy(Path(settings.BASE_DIR) / "static/css/site.css", tmp_path / "css/site.css")
    with override_settings(STATIC_ROOT=tmp_path, WHITENOISE_USE_FINDERS=False):
        response = Client().get("/static/css/site.css")
        assert response.status_code == 200
        assert b"--accent" in b"".join(response.streaming_content)
        assert Client().get("/static/css/no-such.css").status_code == 404


def test_a_nul_character_in_a_form_or_query_is_our_400(client, demo, no_debug):
    from tests.helpers import login

    login(client, demo.users["kuzbass_captain"])
    response = client.post("/profile/", {"last_name": "Ив\x00анов", "first_name": "Иван"})
    assert response.status_code == 400
    assert "Запрос не принят" in response.content.decode()
    response = client.get("/search/?q=%00")
    assert response.status_code == 400
    client.get("/language/en/")
    assert "Request not accepted" in client.get("/search/?q=a%00").content.decode()
    assert client.get("/search/", {"q": "разрез"}).status_code == 200
