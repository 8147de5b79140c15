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
    assert badge["credentialStatus"]["type"] == "BitstringStatusListEntry"
    assert [(p["type"], p["cryptosuite"]) for p in badge["proof"]] == [
        ("DataIntegrityProof", "eddsa-rdfc-2022"),
        ("DataIntegrityProof", "eddsa-jcs-2022"),
    ]
    key = signing_key().public_key()
    assert check(badge, public_key=key, status_list=status_list_credential()) == {
        "valid": True,
        "revoked": False,
    }


@pytest.mark.parametrize(
    "change",
    [
        lambda b: b["credentialSubject"]["identifier"][0].update(identityHash="Иванов Иван"),
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
    badge = json.loads(
        client.get(reverse("certificates:credential", args=[certificate.code])).content
    )
    status = client.get(reverse("certificates:status_list", args=[1])).json()
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


def test_the_holder_is_an_identity_object_of_type_name_not_the_serial(certificate):
    subject = signed_open_badge(certificate)["credentialSubject"]
    assert "name" not in subject
    assert subject["identifier"] == [
        {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": "Кузнецова Елена Игоревна",
        }
    ]
    assert certificate.serial not in json.dumps(subject, ensure_ascii=False)


def test_the_credential_states_the_name_through_one_function(monkeypatch, certificate):
    from certificates import credentials

    monkeypatch.setattr(credentials, "_holder_name", lambda c: "Кузнецова Е. И.")
    badge = signed_open_badge(certificate)
    assert badge["credentialSubject"]["identifier"][0]["identityHash"] == "Кузнецова Е. И."
    assert "Елена" not in json.dumps(badge, ensure_ascii=False)


@pytest.mark.parametrize("drop", ["eddsa-rdfc-2022", "eddsa-jcs-2022"])
def test_either_proof_of_the_set_verifies_alone_and_a_broken_one_fails_the_set(certificate, drop):
    key = signing_key().public_key()
    badge = signed_open_badge(certificate)
    kept = [p for p in badge["proof"] if p["cryptosuite"] != drop]
    assert check({**badge, "proof": kept}, public_key=key)["valid"]
    assert check({**badge, "proof": kept[0]}, public_key=key)["valid"]
    broken = [dict(p) for p in badge["proof"]]
    for proof in broken:
        if proof["cryptosuite"] == drop:
            proof["created"] = "2020-01-01T00:00:00Z"
    assert not check({**badge, "proof": broken}, public_key=key)["valid"]
    assert not check({**badge, "proof": []}, public_key=key)["valid"]


def test_the_issuer_profile_is_a_controller_document(client):
    issuer = client.get(reverse("certificates:issuer")).json()
    assert issuer["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "https://www.w3.org/ns/cid/v1",
        "https://w3id.org/security/multikey/v1",
    ]
    method = issuer["verificationMethod"][0]
    assert method == {
        "id": f"{issuer['id']}#test-1",
        "type": "Multikey",
        "controller": issuer["id"],
        "publicKeyMultibase": public_multikey(),
    }
    assert issuer["assertionMethod"] == [method["id"]]
    # Every term is defined by the pinned contexts (the canonicalisation refuses otherwise).
    from certificates.rdfc import canonicalize

    quads = canonicalize(issuer)
    assert f"<https://w3id.org/security#assertionMethod> <{method['id']}>" in quads


def test_the_credential_downloads_as_application_vc_with_a_file_name_browsers_read(
    client, certificate
):
    url = reverse("certificates:credential", args=[certificate.code])
    response = client.get(url, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response["Content-Type"] == "application/vc; charset=utf-8"
    ascii_serial = certificate.serial.replace("ПТА", "PTA")
    assert response["Content-Disposition"] == (
        f'attachment; filename="{ascii_serial}.json"; '
        "filename*=UTF-8''%D0%9F%D0%A2%D0%90" + certificate.serial[3:] + ".json"
    )
    assert json.loads(response.content)["id"].endswith(url)
    as_json = client.get(url, {"format": "json"})
    assert as_json["Content-Type"] == "application/json; charset=utf-8"
    asked = client.get(url, HTTP_ACCEPT="application/json")
    assert asked["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(asked.content) == json.loads(response.content)


def test_control_characters_in_the_record_do_not_break_the_rdfc_proof(certificate):
    certificate.program_title = "Промышленный\x0bтуризм\x0c"
    certificate.holder_name = "Кузнецова\x08 Елена"
    badge = signed_open_badge(certificate)
    assert badge["name"] == "Промышленный туризм"
    assert badge["credentialSubject"]["identifier"][0]["identityHash"] == "Кузнецова Елена"
    assert check(badge, public_key=signing_key().public_key())["valid"]
