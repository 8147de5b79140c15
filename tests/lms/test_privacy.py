"""152-ФЗ: consent to the current policy, a learner's data as a file, anonymisation."""

import json

from django.urls import reverse

from certificates.registry import registry_rows
from certificates.services import issue_certificate
from lms.models import PolicyConsent
from lms.privacy import current_policy
from lms.services import anonymise_user
from tests.builders.learning import complete_program
from tests.builders.routes import accept_route, build_submitted_route, certified_graduate
from tests.helpers import login


def test_a_republished_policy_asks_for_consent_again(client, demo):
    learner = demo.users["omsk_member"]
    login(client, learner)
    assert client.get("/dashboard/").status_code == 200  # the demo users have agreed
    policy = current_policy()
    policy.save_revision().publish()
    response = client.get("/dashboard/")
    assert response.status_code == 302 and response["Location"].startswith("/consent/")
    page = client.get(response["Location"]).content.decode()
    assert "152-ФЗ" in page
    response = client.post("/consent/", {"next": "/dashboard/"})
    assert response.status_code == 400
    assert "Отметьте согласие" in response.content.decode()
    response = client.post("/consent/", {"next": "/dashboard/", "agree": "yes"})
    assert response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200
    consent = PolicyConsent.objects.filter(user=learner).order_by("-accepted_at").first()
    current_policy_now = current_policy()
    assert consent.policy_revision == current_policy_now.live_revision_id


def test_signing_up_requires_consent(client, demo):
    form = {
        "email": "new.learner@example.ru",
        "password1": "Промтуризм-2026!",
        "password2": "Промтуризм-2026!",
        "last_name": "Новикова",
        "first_name": "Вера",
    }
    response = client.post(reverse("account_signup"), form)
    assert "Без согласия на обработку данных регистрация невозможна." in response.content.decode()
    assert 'value="Новикова"' in response.content.decode()
    response = client.post(reverse("account_signup"), {**form, "consent": "on"})
    assert response.status_code == 302
    consent = PolicyConsent.objects.get(user__email="new.learner@example.ru")
    assert consent.policy_revision == current_policy().live_revision_id
    assert consent.user.last_name == "Новикова"


def test_a_learner_downloads_their_own_data(client, demo):
    learner = demo.users["kuzbass_member"]
    complete_program(demo, learner)
    login(client, learner)
    response = client.get(reverse("my_data"))
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.content)
    assert data["profile"]["email"] == learner.email
    assert len(data["lessons_done"]) == len(demo.lessons)
    assert data["teams"][0]["team"] == "Команда Кузбасса"
    assert data["consents"] and data["quiz_attempts"]
    assert "omsk" not in json.dumps(data, ensure_ascii=False).lower()


def test_the_export_holds_what_every_app_keeps_about_the_learner(client, demo):
    """Courses, assessments and certificates each add their part (lms.privacy's seam)."""
    certificate = certified_graduate(demo)
    login(client, certificate.holder)
    data = json.loads(client.get(reverse("my_data")).content)
    assert [e["cohort"] for e in data["enrollments"]] == [demo.cohort.title]
    assert len(data["lessons_done"]) == len(demo.lessons)
    assert {a["quiz"] for a in data["quiz_attempts"]} == {q.title for q in demo.quizzes.values()}
    (route,) = data["routes"]
    assert route["team"] == "Команда Кузбасса" and route["state"] == "accepted"
    assert [v["number"] for v in route["versions"] if v["submitted_at"]] == [1]
    assert [c["serial"] for c in data["certificates"]] == [certificate.serial]
    assert data["certificates"][0]["verify_url"] == certificate.verify_url()


def test_anonymising_keeps_certificates_verifiable(
    client, demo, django_capture_on_commit_callbacks
):
    accept_route(demo, build_submitted_route(demo))
    learner = demo.users["kuzbass_captain"]
    complete_program(demo, learner)
    certificate = issue_certificate(
        holder=learner, cohort=demo.cohort, issued_by=demo.users["admin"]
    )
    login(client, demo.users["mentor"])
    url = reverse("anonymise", args=[learner.id])
    assert client.post(url, {"reason": "заявление"}).status_code == 403
    login(client, demo.users["admin"])
    client.post(url, {"reason": ""})
    learner.refresh_from_db()
    assert learner.is_active  # no reason, nothing done
    client.post(url, {"reason": "Заявление слушателя от 20.11.2026"})
    learner.refresh_from_db()
    assert not learner.is_active and learner.email.endswith("@invalid.example")
    assert "Кузнецова" not in learner.full_name
    assert learner.anonymised_by == demo.users["admin"]
    page = client.get(certificate.get_verify_path()).content.decode()
    # Still verifiable by serial and status; the name is hidden (issue 18, point 7).
    assert "Имя скрыто по просьбе владельца" in page and "действителен" in page
    assert certificate.serial in page and "Кузнецова" not in page

    row = next(registry_rows(demo.cohort))
    assert "Кузнецова" not in row


def test_anonymise_helper_clears_registry_fields(demo):
    learner = demo.users["omsk_member"]
    learner.snils = "112-233-445 95"
    learner.save()
    anonymise_user(learner, by=demo.users["admin"], reason="тест")
    learner.refresh_from_db()
    assert learner.snils == "" and learner.birth_date is None and not learner.has_usable_password()
