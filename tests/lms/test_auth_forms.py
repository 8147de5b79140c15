"""allauth's forms answer 400 when refused, keep what was typed, and say why in Russian."""

from django.urls import reverse


def test_a_wrong_password_is_a_400_with_the_email_kept(client, demo):
    response = client.post(
        reverse("account_login"), {"login": "kuzbass.captain@demo.test", "password": "не тот"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="kuzbass.captain@demo.test"' in page
    assert "неверны" in page or "Неверн" in page


def test_the_right_password_still_signs_in(client, demo):
    response = client.post(
        reverse("account_login"),
        {"login": "kuzbass.captain@demo.test", "password": "demo-learner-2026"},
    )
    assert response.status_code == 302


def test_a_refused_signup_is_a_400_with_what_was_typed(client, demo):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "не-почта",
            "password1": "x",
            "password2": "y",
            "last_name": "Петрова",
            "first_name": "Ира",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Петрова"' in page and 'value="не-почта"' in page


def test_a_get_of_the_forms_is_still_a_200(client, demo):
    assert client.get(reverse("account_login")).status_code == 200
    assert client.get(reverse("account_signup")).status_code == 200
    assert client.get(reverse("account_reset_password")).status_code == 200
