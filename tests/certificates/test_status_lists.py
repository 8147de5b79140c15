"""Revocation status lists (issue 18): random entries in lists of 131,072 bits, a new list when
one fills, replaced certificates marked, signed lists cached, the file check never fails."""

import copy
import importlib
import json

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from certificates import credentials, status
from certificates.credentials import (
    bit_is_set,
    check,
    encode_bits,
    legacy_status_list_url,
    signed_open_badge,
    status_list_credential,
    status_list_url,
)
from certificates.models import Certificate, CertificateEvent
from certificates.services import issue_certificate, reissue_certificate, revoke_certificate
from tests.helpers import login

FULL = 131_072


@pytest.fixture
def certificate(demo, graduate):
    return issue_certificate(holder=graduate, cohort=demo.cohort, issued_by=demo.users["admin"])


def _more(certificate, count, **values):
    """`count` further certificates like `certificate` (revoked: any number per person), each
    saved on its own as issuing does."""
    made = []
    for n in range(count):
        made.append(
            Certificate.objects.create(
                holder=certificate.holder,
                cohort=certificate.cohort,
                program=certificate.program,
                holder_name=certificate.holder_name,
                program_title=certificate.program_title,
                qualification=certificate.qualification,
                hours=certificate.hours,
                serial=f"{certificate.serial}-{n}",
                code=f"{certificate.code}x{n}",
                issued_at=certificate.issued_at,
                issued_by=certificate.issued_by,
                status=values.get("status", Certificate.Status.REVOKED),
            )
        )
    return made


def _upload(client, document):
    upload = SimpleUploadedFile("file.json", json.dumps(document).encode())
    return client.post(reverse("certificates:check_credential"), {"credential": upload})


# -- allocation ------------------------------------------------------------------------------


def test_entries_are_random_distinct_and_a_new_list_starts_when_one_is_full(settings, certificate):
    settings.CERTIFICATE_STATUS_LIST_SIZE = 8
    made = [certificate, *_more(certificate, 19)]
    entries = [(c.status_list, c.status_index) for c in made]
    assert len(set(entries)) == 20
    by_list = {}
    for number, index in entries[1:]:  # the first was drawn from the full-size list
        by_list.setdefault(number, []).append(index)
        assert 0 <= index < 8
    # List 1 held the first certificate; the lists then fill up one after the other.
    assert sorted(by_list) == [1, 2, 3]
    assert len(by_list[2]) == 8 and sorted(by_list[2]) == list(range(8))
    stored = Certificate.objects.filter(pk__in=[c.pk for c in made])
    assert sorted(stored.values_list("status_list", "status_index")) == sorted(entries)


def test_entries_in_a_large_list_are_not_handed_out_in_order(certificate):
    indexes = [c.status_index for c in [certificate, *_more(certificate, 6)]]
    assert all(c == 1 for c in Certificate.objects.values_list("status_list", flat=True))
    # Handed out in order they would be 0..6 (or some n..n+6): drawn at random, they are not.
    assert indexes != list(range(indexes[0], indexes[0] + 7))
    assert len(set(indexes)) == 7 and max(indexes) > 7


def test_a_bit_someone_took_meanwhile_is_drawn_again(monkeypatch, certificate):
    """The unique constraint decides: the insert that lost draws another index."""
    taken = certificate.status_index
    draws = iter([taken, taken, 12_345])
    monkeypatch.setattr(status.secrets, "randbelow", lambda size: next(draws))
    (other,) = _more(certificate, 1)
    assert (other.status_list, other.status_index) == (1, 12_345)


def test_past_half_full_the_free_indexes_are_listed(settings, certificate):
    settings.CERTIFICATE_STATUS_LIST_SIZE = 4
    Certificate.objects.filter(pk=certificate.pk).update(status_list=1, status_index=0)
    _more(certificate, 2)  # list 1 is now 3/4 full
    assert status.choose_entry(Certificate) == (1, ({0, 1, 2, 3} - _indexes_of(1)).pop())


def _indexes_of(number):
    in_list = Certificate.objects.filter(status_list=number)
    return set(in_list.values_list("status_index", flat=True))


def test_the_migration_backfills_random_distinct_entries(settings, certificate):
    _more(certificate, 9)
    settings.CERTIFICATE_STATUS_LIST_SIZE = 4
    migration = importlib.import_module("certificates.migrations.0007_status_list_entries")
    migration.backfill(apps, None)
    rows = list(Certificate.objects.order_by("pk").values_list("status_list", "status_index"))
    assert len(rows) >= 10
    assert [number for number, _ in rows] == [1 + n // 4 for n in range(len(rows))]
    assert len(set(rows)) == 10 and all(0 <= index < 4 for _, index in rows)


# -- encoding and large numbers --------------------------------------------------------------


def test_the_last_bit_of_a_full_list_encodes_and_outside_it_is_an_error():
    encoded = encode_bits([0, FULL - 1], FULL)
    assert bit_is_set(encoded, FULL - 1) and bit_is_set(encoded, 0)
    assert not bit_is_set(encoded, FULL - 2)
    with pytest.raises(ValueError):
        encode_bits([FULL], FULL)
    with pytest.raises(ValueError):
        bit_is_set(encoded, FULL)


def test_revoking_the_200000th_certificate_sets_its_bit_in_the_second_list(
    client, demo, certificate
):
    # The 200,000th certificate lies in list 2 (200,000 > 131,072): no need for 200,000 rows.
    Certificate.objects.filter(pk=certificate.pk).update(status_list=2, status_index=FULL - 1)
    certificate.refresh_from_db()
    badge = signed_open_badge(certificate)
    assert badge["credentialStatus"]["statusListCredential"] == status_list_url(2)
    assert badge["credentialStatus"]["statusListIndex"] == str(FULL - 1)
    revoke_certificate(certificate=certificate, reason="Ошибка", revoked_by=demo.users["admin"])
    response = client.get(reverse("certificates:status_list", args=[2]))
    assert response.status_code == 200
    listed = response.json()
    assert listed["id"] == status_list_url(2)
    assert bit_is_set(listed["credentialSubject"]["encodedList"], FULL - 1)
    assert check(badge, status_list=listed) == {"valid": True, "revoked": True}
    first = client.get(reverse("certificates:status_list", args=[1])).json()
    assert not bit_is_set(first["credentialSubject"]["encodedList"], FULL - 1)
    assert client.get(reverse("certificates:status_list", args=[3])).status_code == 404
    page = _upload(client, badge).content.decode()
    assert "Подпись верна, но удостоверение отозвано или заменено." in page


# -- replaced, legacy, cache -----------------------------------------------------------------


def test_a_replaced_certificate_fails_offline_with_its_status_list(demo, graduate, certificate):
    old = signed_open_badge(certificate)
    graduate.last_name = "Кузнецова-Иванова"
    graduate.save()
    new = reissue_certificate(
        certificate=certificate, reissued_by=demo.users["admin"], reason="Смена фамилии"
    )
    listed = status_list_credential(certificate.status_list)
    assert check(old, status_list=listed) == {"valid": True, "revoked": True}
    assert check(signed_open_badge(new), status_list=status_list_credential(new.status_list)) == {
        "valid": True,
        "revoked": False,
    }


def test_the_old_status_list_url_still_answers_for_old_files(client, demo, certificate):
    """Credentials downloaded before issue 18 name this list, with the certificate id."""
    old = signed_open_badge(certificate)
    old["credentialStatus"] = {
        "id": f"{legacy_status_list_url()}#{certificate.pk}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(certificate.pk),
        "statusListCredential": legacy_status_list_url(),
    }
    revoke_certificate(certificate=certificate, reason="Ошибка", revoked_by=demo.users["admin"])
    response = client.get("/credentials/status/revocation.json")
    assert response.status_code == 200
    listed = response.json()
    assert listed["id"] == legacy_status_list_url()
    assert bit_is_set(listed["credentialSubject"]["encodedList"], certificate.pk)
    # (the old file's proof no longer matches, its status entry changed: read the bit only)


def test_the_signed_list_is_cached_and_signed_anew_only_when_it_changes(
    monkeypatch, settings, client, demo, certificate
):
    settings.CERTIFICATE_STATUS_LIST_TTL = 3600
    built = []
    original = credentials._build_status_list
    monkeypatch.setattr(
        credentials, "_build_status_list", lambda *a: built.append(a) or original(*a)
    )
    url = reverse("certificates:status_list", args=[1])
    first = client.get(url)
    second = client.get(url).json()
    assert len(built) == 1 and first.json() == second
    assert first["Cache-Control"] == "public, max-age=300"
    assert second["validFrom"] < second["validUntil"]
    from datetime import datetime

    valid_from, valid_until = (
        datetime.fromisoformat(second[k].replace("Z", "+00:00"))
        for k in ("validFrom", "validUntil")
    )
    assert (valid_until - valid_from).total_seconds() == 3600
    revoke_certificate(certificate=certificate, reason="Ошибка", revoked_by=demo.users["admin"])
    third = client.get(url).json()
    assert len(built) == 2
    assert bit_is_set(third["credentialSubject"]["encodedList"], certificate.status_index)


def test_a_cache_that_does_not_answer_does_not_stop_the_list(monkeypatch, client, certificate):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    response = client.get(reverse("certificates:status_list", args=[1]))
    assert response.status_code == 200 and response.json()["proof"]


# -- the file check --------------------------------------------------------------------------


def test_the_file_check_says_what_it_was_given(client, certificate):
    listed = client.get(reverse("certificates:status_list", args=[1])).json()
    page = _upload(client, listed).content.decode()
    assert "Это список статусов, а не удостоверение" in page
    assert "удостоверение действительно" not in page
    page = _upload(client, {"name": "что-то другое"}).content.decode()
    assert "Это JSON, но не удостоверение" in page
    page = _upload(client, signed_open_badge(certificate)).content.decode()
    assert "Подпись верна, удостоверение действительно." in page


@pytest.mark.parametrize(
    "change",
    [
        lambda b: b.update(credentialStatus="revocation"),
        lambda b: b["credentialStatus"].update(statusListIndex="x9"),
        lambda b: b["credentialStatus"].update(statusListIndex=["1"]),
        lambda b: b["credentialStatus"].update(statusListCredential={"id": 1}),
        lambda b: b.update(proof=[{"type": "DataIntegrityProof", "cryptosuite": ["x"]}]),
        lambda b: b.update(proof="z123"),
        lambda b: b.update(proof=[{"verificationMethod": ["a"], "type": "DataIntegrityProof"}]),
        lambda b: b.update(type="VerifiableCredential", credentialSubject=[[[]]]),
        lambda b: b.update({"@context": {"@vocab": 5}}),
    ],
)
def test_a_crafted_credential_gets_an_answer_not_a_server_error(client, certificate, change):
    badge = copy.deepcopy(signed_open_badge(certificate))
    change(badge)
    response = _upload(client, badge)
    assert response.status_code == 200
    assert 'id="credential-check"' in response.content.decode()


def test_a_file_that_is_not_json_is_a_400_with_the_reason(client):
    upload = SimpleUploadedFile("c.json", b"\xff not json")
    response = client.post(reverse("certificates:check_credential"), {"credential": upload})
    assert response.status_code == 400
    assert "Это не JSON-файл удостоверения." in response.content.decode()


# -- issuing again after a revocation --------------------------------------------------------


def test_an_admin_issues_again_after_a_revocation_from_the_cohort_page(
    client, demo, graduate, certificate
):
    admin = demo.users["admin"]
    login(client, admin)
    detail = reverse("certificates:detail", args=[certificate.id])
    client.post(detail, {"reason": "Выдано с ошибкой в программе"})
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    page = client.get(reverse("certificates:cohort", args=[demo.cohort.id])).content.decode()
    assert "Выдать заново" in page
    response = client.post(
        reverse("certificates:issue", args=[demo.cohort.id, graduate.id]), follow=True
    )
    new = Certificate.objects.get(holder=graduate, status=Certificate.Status.VALID)
    assert new.pk != certificate.pk and new.serial != certificate.serial
    assert f"Удостоверение {new.serial} выдано" in response.content.decode()
    event = CertificateEvent.objects.get(certificate=new, action="issue")
    assert event.details == {"after_revoked": certificate.serial}
    # Issuing once more returns the valid one; the cohort page now shows it.
    again = issue_certificate(holder=graduate, cohort=demo.cohort, issued_by=admin)
    assert again.pk == new.pk
    page = client.get(reverse("certificates:cohort", args=[demo.cohort.id])).content.decode()
    assert new.serial in page and "Выдать заново" not in page
