import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from certificates.credentials import (
    bit_is_set,
    check,
    encode_bits,
    public_multikey,
    signed_open_badge,
    signing_key,
    status_list_credential,
)
from certificates.dataintegrity import public_key_from_multibase
from certificates.services import issue_certificate, revoke_certificate


@pytest.fixture
def certificate(demo, graduate):
    return issue_certificate(holder=graduate, cohort=demo.cohort, issued_by=demo.users["admin"])


def test_bits_round_trip():
    encoded = encode_bits([0, 7, 9, 131_071])
    assert [i for i in (0, 1, 7, 8, 9, 131_071) if bit_is_set(encoded, i)] == [0, 7, 9, 131_071]


def test_a_certificates_open_badge_verifies_and_is_not_revoked(certificate):
    badge = signed_open_badge(certificate)
    assert badge["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert badge["credentialSubject"]["name"] == "Кузнецова Елена Игоревна"
    assert badge["credentialStatus"]["type"] == "BitstringStatusListEntry"
    key = signing_key().public_key()
    assert check(badge, public_key=key, status_list=status_list_credential()) == {
        "valid": True,
        "revoked": False,
    }


@pytest.mark.parametrize(
    "change",
    [
        lambda b: b["credentialSubject"].update(name="Иванов Иван"),
        lambda b: b.update(validFrom="2020-01-01T00:00:00Z"),
        lambda b: b["credentialSubject"]["achievement"].update(name="Другая программа"),
        lambda b: b["credentialStatus"].update(statusListIndex="999"),
    ],
)
def test_changing_any_field_fails_verification(certificate, change):
    badge = signed_open_badge(certificate)
    change(badge)
    assert not check(badge, public_key=signing_key().public_key())["valid"]


def test_another_key_fails_and_revocation_flips_the_status_bit(demo, certificate):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    badge = signed_open_badge(certificate)
    other = Ed25519PrivateKey.generate().public_key()
    assert not check(badge, public_key=other)["valid"]
    revoke_certificate(certificate=certificate, reason="Ошибка", revoked_by=demo.users["admin"])
    result = check(
        badge, public_key=signing_key().public_key(), status_list=status_list_credential()
    )
    assert result == {"valid": True, "revoked": True}


def test_the_issuer_key_and_status_list_are_published(client, certificate):
    issuer = client.get(reverse("certificates:issuer")).json()
    multikey = issuer["verificationMethod"][0]["publicKeyMultibase"]
    assert multikey == public_multikey()
    badge = client.get(reverse("certificates:credential", args=[certificate.code])).json()
    status = client.get(reverse("certificates:status_list")).json()
    result = check(badge, public_key=public_key_from_multibase(multikey), status_list=status)
    assert result == {"valid": True, "revoked": False}
    page = client.get(certificate.get_verify_path()).content.decode()
    assert reverse("certificates:credential", args=[certificate.code]) in page


def test_the_verify_page_checks_an_uploaded_credential(client, certificate):
    badge = signed_open_badge(certificate)
    url = reverse("certificates:check_credential")
    upload = SimpleUploadedFile("c.json", json.dumps(badge).encode())
    page = client.post(url, {"credential": upload}).content.decode()
    assert "Подпись верна, удостоверение действительно." in page
    badge["name"] = "Подделка"
    upload = SimpleUploadedFile("c.json", json.dumps(badge).encode())
    page = client.post(url, {"credential": upload}).content.decode()
    assert "Подпись не сходится" in page
    upload = SimpleUploadedFile("c.json", b"\xff\xfe not json")
    page = client.post(url, {"credential": upload}).content.decode()
    assert "Это не JSON-файл удостоверения." in page


def test_the_management_command_verifies_offline(tmp_path, demo, certificate):
    path = tmp_path / "badge.json"
    path.write_text(json.dumps(signed_open_badge(certificate)), encoding="utf-8")
    status = tmp_path / "status.json"
    status.write_text(json.dumps(status_list_credential()), encoding="utf-8")
    call_command("verify_credential", str(path), "--status-list", str(status))
    revoke_certificate(certificate=certificate, reason="Дубликат", revoked_by=demo.users["admin"])
    status.write_text(json.dumps(status_list_credential()), encoding="utf-8")
    with pytest.raises(CommandError, match="ОТОЗВАНО"):
        call_command("verify_credential", str(path), "--status-list", str(status))
    badge = json.loads(path.read_text(encoding="utf-8"))
    badge["name"] = "x"
    path.write_text(json.dumps(badge), encoding="utf-8")
    with pytest.raises(CommandError, match="ПОДПИСЬ НЕВЕРНА"):
        call_command("verify_credential", str(path))
