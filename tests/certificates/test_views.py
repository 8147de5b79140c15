from django.urls import reverse

from certificates.models import Certificate
from certificates.services import issue_certificate, revoke_certificate
from certificates.views import VERIFY_PER_MINUTE
from tests.helpers import login


def test_admin_sees_eligibility_and_issues_from_the_cohort_page(client, demo, graduate):
    login(client, demo.users["admin"])
    url = reverse("certificates:cohort", args=[demo.cohort.id])
    page = client.get(url).content.decode()
    assert "допущен" in page
    assert "маршрут команды не принят" in page
    response = client.post(
        reverse("certificates:issue", args=[demo.cohort.id, graduate.id]), follow=True
    )
    certificate = Certificate.objects.get(holder=graduate)
    assert f"Удостоверение {certificate.serial} выдано" in response.content.decode()


def test_learners_and_mentors_cannot_open_the_admin_pages(client, demo, graduate):
    for key in ("kuzbass_captain", "mentor"):
        login(client, demo.users[key])
        assert client.get(reverse("certificates:cohorts")).status_code == 403
        url = reverse("certificates:issue", args=[demo.cohort.id, graduate.id])
        assert client.post(url).status_code == 403
    assert not Certificate.objects.exists()


def test_verify_page_shows_status_and_nothing_more_personal(client, demo, graduate):
    admin = demo.users["admin"]
    certificate = issue_certificate(holder=graduate, cohort=demo.cohort, issued_by=admin)
    page = client.get(certificate.get_verify_path()).content.decode()
    assert "действителен" in page
    assert "Кузнецова Елена Игоревна" in page
    assert graduate.email not in page
    revoke_certificate(certificate=certificate, reason="Выдано по ошибке", revoked_by=admin)
    page = client.get(certificate.get_verify_path()).content.decode()
    assert "отозван" in page and "Выдано по ошибке" in page


def test_lookup_by_serial_redirects_to_the_verify_page(client, demo, graduate):
    certificate = issue_certificate(
        holder=graduate, cohort=demo.cohort, issued_by=demo.users["admin"]
    )
    response = client.get(reverse("certificates:verify_lookup"), {"query": certificate.serial})
    assert response["Location"] == certificate.get_verify_path()
    page = client.get(reverse("certificates:verify_lookup"), {"query": "ПТА-2026-999999"})
    assert "не найдено" in page.content.decode()
    assert client.get("/verify/unknown-code/").status_code == 404


def test_admin_revokes_with_a_reason_through_the_form(client, demo, graduate):
    admin = demo.users["admin"]
    certificate = issue_certificate(holder=graduate, cohort=demo.cohort, issued_by=admin)
    login(client, admin)
    url = reverse("certificates:detail", args=[certificate.id])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400  # refused: the form again, with the reason asked for
    assert "Требуется заполнить это поле." in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
    client.post(url, {"reason": "Дубликат"})
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED


def test_pdf_download_is_for_the_holder_and_admins_only(
    client, demo, graduate, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue_certificate(
            holder=graduate, cohort=demo.cohort, issued_by=demo.users["admin"]
        )
    url = reverse("certificates:pdf", args=[certificate.id])
    login(client, demo.users["kuzbass_member"])
    assert client.get(url).status_code == 404
    for key in ("kuzbass_captain", "admin"):
        login(client, demo.users[key])
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.logout()
    assert client.get(url).status_code == 302


def test_certificate_files_are_never_served_as_public_media(
    client, demo, graduate, django_capture_on_commit_callbacks, media_root
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue_certificate(
            holder=graduate, cohort=demo.cohort, issued_by=demo.users["admin"]
        )
    assert (media_root / certificate.pdf.name).exists()
    assert client.get(f"/media/{certificate.pdf.name}").status_code == 404
    (media_root / "public.txt").write_text("ok")
    assert client.get("/media/public.txt").status_code == 200


def test_the_verify_pages_are_rate_limited_per_client(client, db, monkeypatch):
    from django.core.cache import cache

    monkeypatch.setattr("core.ratelimit.window", lambda: "one-minute")  # never a new minute
    cache.clear()
    for _ in range(VERIFY_PER_MINUTE):
        assert client.get("/verify/no-such-code/").status_code == 404
    response = client.get("/verify/", {"query": "ПТА-2026-000001"})
    assert response.status_code == 429
    assert "Слишком много запросов" in response.content.decode()
    other = client.get("/verify/", REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 200
    cache.clear()
