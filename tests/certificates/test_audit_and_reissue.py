import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from certificates.models import Certificate, CertificateEvent
from certificates.services import issue_certificate, reissue_certificate, revoke_certificate
from tests.helpers import login


@pytest.fixture
def certificate(demo, graduate):
    return issue_certificate(holder=graduate, cohort=demo.cohort, issued_by=demo.users["admin"])


def test_every_issue_revoke_and_reissue_is_logged(demo, graduate, certificate):
    admin = demo.users["admin"]
    graduate.last_name = "Кузнецова-Иванова"
    graduate.save()
    new = reissue_certificate(certificate=certificate, reissued_by=admin, reason="Смена фамилии")
    revoke_certificate(certificate=new, reason="Выдано по ошибке", revoked_by=admin)
    log = [(e.certificate.serial, e.action, e.actor_id) for e in CertificateEvent.objects.all()]
    assert log == [
        (certificate.serial, "issue", admin.id),
        (certificate.serial, "reissue", admin.id),
        (new.serial, "issue", admin.id),
        (new.serial, "revoke", admin.id),
    ]


def test_reissue_gives_a_new_serial_and_marks_the_old_one_replaced(
    client, demo, graduate, certificate
):
    graduate.last_name = "Кузнецова-Иванова"
    graduate.save()
    new = reissue_certificate(
        certificate=certificate, reissued_by=demo.users["admin"], reason="Смена фамилии"
    )
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REPLACED
    assert certificate.replaced_by == new
    assert new.serial != certificate.serial
    assert new.holder_name == "Кузнецова-Иванова Елена Игоревна"
    assert certificate.holder_name == "Кузнецова Елена Игоревна"
    page = client.get(certificate.get_verify_path()).content.decode()
    assert "заменён" in page and new.serial in page
    # Issuing again returns the current one, not the replaced one.
    again = issue_certificate(holder=graduate, cohort=demo.cohort, issued_by=demo.users["admin"])
    assert again.pk == new.pk
    with pytest.raises(ValidationError):
        reissue_certificate(certificate=certificate, reissued_by=demo.users["admin"], reason="x")


def test_admin_reissues_from_the_certificate_page(client, demo, certificate):
    login(client, demo.users["admin"])
    url = reverse("certificates:detail", args=[certificate.id])
    response = client.post(url, {"action": "reissue", "reason": ""}, follow=True)
    assert "Укажите причину перевыпуска." in response.content.decode()
    response = client.post(url, {"action": "reissue", "reason": "Опечатка"}, follow=True)
    new = Certificate.objects.get(replaces=certificate)
    assert f"Выпущено новое удостоверение {new.serial}." in response.content.decode()
