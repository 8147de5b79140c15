"""152-ФЗ ст. 10.1: the full name on public pages needs its own consent (issue 18, point 7).
Without it the verify page, the public API and the signed credential show the surname and
initials; the PDF given to the holder keeps the full name."""

import json

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from certificates.credentials import open_badge
from core.names import surname_and_initials
from lms.services import set_name_dissemination
from tests.builders.routes import certified_graduate
from tests.helpers import login

FULL = "Кузнецова Елена Игоревна"
SHORT = "Кузнецова Е. И."


@pytest.mark.parametrize(
    "full, short",
    [
        (FULL, SHORT),
        ("Иванова Анна Петровна", "Иванова А. П."),
        ("Ли Мин", "Ли М."),
        ("Петров-Водкин Кузьма-Сергей", "Петров-Водкин К.-С."),
        ("Сидоров", "Сидоров"),
    ],
)
def test_surname_and_initials(full, short):
    assert surname_and_initials(full) == short


def _outputs(client, certificate):
    certificate.refresh_from_db()
    page = client.get(certificate.get_verify_path()).content.decode()
    api = client.get(f"/api/public/certificates/{certificate.serial}/").json()["holder_name"]
    credential = json.loads(
        client.get(
            reverse("certificates:credential", args=[certificate.code]), {"format": "json"}
        ).content
    )
    badge = open_badge(certificate)
    return page, api, credential, badge


def _name_in(badge):
    return badge["credentialSubject"]["identifier"][0]["identityHash"]


def test_public_pages_show_initials_without_consent_and_full_name_with_it(client, demo):
    certificate = certified_graduate(demo)
    holder = certificate.holder
    set_name_dissemination(holder, False)  # the demo's captain had agreed
    page, api, credential, badge = _outputs(client, certificate)
    assert SHORT in page and FULL not in page
    assert api == SHORT
    assert _name_in(credential) == SHORT and _name_in(badge) == SHORT

    set_name_dissemination(holder, True)
    page, api, credential, badge = _outputs(client, certificate)
    assert FULL in page and api == FULL
    assert _name_in(credential) == FULL and _name_in(badge) == FULL
    # The document itself (PDF, registry) keeps the name as printed.
    assert certificate.holder_name == FULL


def test_the_profile_asks_for_the_dissemination_consent_separately(client, demo):
    learner = demo.users["omsk_member"]
    assert not learner.name_dissemination_consent  # off unless ticked
    login(client, learner)
    page = client.get(reverse("profile")).content.decode()
    assert "Согласие на распространение ФИО" in page and "10.1" in page
    form = {
        "last_name": learner.last_name,
        "first_name": learner.first_name,
        "middle_name": learner.middle_name,
        "language": "ru",
    }
    client.post(reverse("profile"), {**form, "name_dissemination_consent": "on"})
    learner.refresh_from_db()
    assert learner.name_dissemination_consent and learner.name_dissemination_changed_at
    entry = ModelLogEntry.objects.filter(action="promtourism.consent.dissemination").latest("pk")
    assert entry.user_id == learner.pk and entry.data == {"from": False, "to": True}
    client.post(reverse("profile"), form)
    learner.refresh_from_db()
    assert not learner.name_dissemination_consent
    assert (
        ModelLogEntry.objects.filter(
            action="promtourism.consent.dissemination", object_id=str(learner.pk)
        ).count()
        == 2
    )
    # A bad profile keeps what was typed and changes nothing.
    response = client.post(
        reverse("profile"), {**form, "last_name": "", "name_dissemination_consent": "on"}
    )
    assert response.status_code == 400
    learner.refresh_from_db()
    assert not learner.name_dissemination_consent


def test_the_privacy_page_names_the_operator_retention_and_rights(client, demo, settings):
    settings.IMPORT_FILE_RETENTION_DAYS = 45
    page = client.get("/privacy/")
    assert page.status_code == 200
    text = page.content.decode()
    assert settings.OPERATOR_NAME in text and "демонстрац" in text
    assert settings.OPERATOR_ADDRESS in text
    assert "45 дней" in text and "Сроки хранения" in text and "Цели обработки" in text
    assert reverse("withdraw_consent") in text
