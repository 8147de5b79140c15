import pytest


@pytest.mark.django_db
def test_pages_are_russian_even_for_an_english_browser(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="ru">' in page.content.decode()


@pytest.mark.django_db
def test_the_language_switcher_turns_the_interface_english(client):
    response = client.get("/language/en/", {"next": "/verify/"})
    assert response.status_code == 302
    page = client.get("/verify/").content.decode()
    assert '<html lang="en">' in page
    assert "Certificate check" in page
    assert "Certificate number or verification code" in page
    assert "Проверка удостоверения" not in page
