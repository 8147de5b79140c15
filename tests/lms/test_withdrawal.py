"""152-ФЗ: a learner withdraws consent; the account is closed and the person is anonymised in
every table (issue 18, point 7). The check reads every text column of every model."""

import datetime as dt
import json
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.db import models
from django.urls import reverse

from assessments.models import GradeAdjustment, Review
from assessments.services import reply_to_thread
from assessments.services.reviews import adjust_member_grade, save_peer_assessment
from certificates.models import Certificate
from certificates.services import issue_certificate
from core.models import Notification, OutboxMessage
from core.notifications import notify
from lms.models import ImportBatch, TeamChange
from lms.services import import_batch_keep, user_create
from reports.models import ApiToken
from tests.builders.feedback import comment_on_stop, latest_version
from tests.builders.learning import complete_program
from tests.builders.routes import accept_route, build_submitted_route
from tests.builders.spreadsheets import KEMEROVO, csv_bytes
from tests.helpers import login

SURNAME = "Зимогорова"
EMAIL = "v.zimogorova@kuzbass.test"
SNILS = "112-233-445 95"
PASSWORD = "Промтуризм-2026!"
TEXT = (models.CharField, models.TextField, models.JSONField)


def every_text_value():
    """Every value of every text, e-mail and JSON column in the database, as text."""
    for model in apps.get_models():
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, TEXT)]
        if not fields or model._meta.proxy:
            continue
        for row in model._base_manager.values_list(*fields):
            for value in row:
                if value is not None:
                    text = (
                        value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                    )
                    yield model._meta.label, text


def assert_nowhere(*needles):
    found = [
        (label, needle, text[:120])
        for label, text in every_text_value()
        for needle in needles
        if needle.lower() in text.lower()
    ]
    assert found == []


def _person(learner):
    learner.last_name = SURNAME
    learner.first_name = "Варвара"
    learner.middle_name = "Олеговна"
    learner.email = EMAIL
    learner.snils = SNILS
    learner.birth_date = dt.date(1990, 5, 17)
    learner.organisation = "АО «Зимогорский разрез»"
    learner.position = "экскурсовод"
    learner.set_password(PASSWORD)
    learner.save()
    EmailAddress.objects.create(user=learner, email=EMAIL, verified=True, primary=True)
    ApiToken.issue(learner, "мой скрипт")
    return learner


def _withdraw(client, learner):
    login(client, learner)
    page = client.get(reverse("withdraw_consent"))
    assert "Имя скрыто по просьбе владельца" in page.content.decode()
    response = client.post(reverse("withdraw_consent"), {"confirm": "on", "password": "неверный"})
    assert response.status_code == 400 and "Пароль неверный." in response.content.decode()
    learner.refresh_from_db()
    assert learner.is_active
    response = client.post(reverse("withdraw_consent"), {"confirm": "on", "password": PASSWORD})
    assert response.status_code == 200 and "Согласие отозвано" in response.content.decode()
    learner.refresh_from_db()
    assert not learner.is_active and learner.consent_withdrawn_at is not None
    assert not client.login(email=EMAIL, password=PASSWORD)
    assert client.get(reverse("profile")).status_code == 302  # signed out


def test_withdrawal_anonymises_a_team_member_everywhere(
    client, demo, django_capture_on_commit_callbacks
):
    learner = _person(demo.users["kuzbass_captain"])
    mate, mentor, admin = demo.users["kuzbass_member"], demo.users["mentor"], demo.users["admin"]
    full_name = learner.full_name
    # A team, its history, a route with contributions and comments naming her.
    TeamChange.objects.create(
        cohort=demo.cohort,
        team=learner.memberships.get().team,
        person=mate,
        kind=TeamChange.Kind.CAPTAIN,
        by=admin,
        reason=f"Капитан теперь {full_name}, {EMAIL}",
    )
    design = build_submitted_route(demo)
    save_peer_assessment(design=design, author=learner, about=mate, contribution=60, comment="")
    save_peer_assessment(
        design=design, author=mate, about=learner, contribution=40, comment=f"{full_name} — молодец"
    )
    thread = comment_on_stop(demo, design, body=f"Варвара Зимогорова, проверьте время. {EMAIL}")
    accept_route(demo, design)
    reply_to_thread(thread=thread, author=learner, body="Исправлю.")
    review = Review.objects.get(version=latest_version(design))
    adjust_member_grade(
        review=review, member=learner, score=Decimal("2.5"), reason="Меньший вклад", by=mentor
    )
    complete_program(demo, learner)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue_certificate(holder=learner, cohort=demo.cohort, issued_by=admin)
    certificate.refresh_from_db()
    assert certificate.pdf and default_storage.exists(certificate.pdf.name)
    pdf_name = certificate.pdf.name
    import_batch_keep(
        cohort=demo.cohort,
        uploaded_by=admin,
        filename="kuzbass.csv",
        data=csv_bytes([[full_name, EMAIL, KEMEROVO, "Команда Кузбасса", "капитан", "", ""]]),
    )
    notify([mate], template="certificate_issued", context={"certificate": certificate})
    # She is everywhere before.
    values = " ".join(text for _, text in every_text_value())
    assert SURNAME in values and EMAIL in values and SNILS in values
    assert OutboxMessage.objects.filter(args__0=EMAIL).exists()
    assert Notification.objects.filter(user=learner).exists()
    grades = GradeAdjustment.objects.filter(member=learner).count()

    _withdraw(client, learner)

    assert_nowhere(SURNAME, EMAIL, SNILS, "11223344595")
    batch = ImportBatch.objects.get(filename="kuzbass.csv")
    assert bytes(batch.data) == b"" and batch.file_deleted_at is not None
    assert not default_storage.exists(pdf_name)
    assert not EmailAddress.objects.filter(user=learner).exists()
    assert not ApiToken.objects.filter(user=learner).exists()
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(learner.pk) for s in Session.objects.all()
    )
    # Grades stay as anonymous rows; the certificate stays verifiable without the name.
    assert GradeAdjustment.objects.filter(member=learner).count() == grades
    certificate = Certificate.objects.get(pk=certificate.pk)
    assert certificate.status == "valid"
    page = client.get(certificate.get_verify_path()).content.decode()
    assert certificate.serial in page and "Имя скрыто по просьбе владельца" in page
    assert TeamChange.objects.filter(reason__startswith="Капитан теперь Имя скрыто").exists()
    from wagtail.models import ModelLogEntry

    entry = ModelLogEntry.objects.get(action="promtourism.consent.withdraw")
    assert entry.user_id == learner.pk and entry.object_id == str(learner.pk)


def test_withdrawal_anonymises_a_learner_without_a_team(client, demo):
    learner = _person(
        user_create(
            email=EMAIL, password=PASSWORD, last_name=SURNAME, first_name="Варвара", roles=()
        )
    )
    assert not learner.memberships.exists()
    notify([learner], template="certificate_issued", context={"certificate": None})
    import_batch_keep(
        cohort=demo.cohort,
        uploaded_by=demo.users["admin"],
        filename="late.csv",
        data=csv_bytes([[learner.full_name, EMAIL, KEMEROVO, "Новая", "участник", "", ""]]),
    )
    assert OutboxMessage.objects.filter(args__0=EMAIL).exists()

    _withdraw(client, learner)

    assert_nowhere(SURNAME, EMAIL, SNILS)
    assert ImportBatch.objects.get(filename="late.csv").file_deleted_at is not None
    assert not Notification.objects.filter(user=learner).exists()


def test_a_learner_without_a_password_confirms_with_the_word(client, demo):
    learner = demo.users["omsk_member"]
    learner.set_unusable_password()
    learner.save()
    login(client, learner)
    response = client.post(reverse("withdraw_consent"), {"word": "отзываю"})
    assert response.status_code == 400
    assert "Отметьте, что вы понимаете последствия." in response.content.decode()
    assert 'value="отзываю"' in response.content.decode()  # what was typed stays
    response = client.post(reverse("withdraw_consent"), {"confirm": "on", "word": "да"})
    assert response.status_code == 400 and "Введите слово ОТЗЫВАЮ." in response.content.decode()
    learner.refresh_from_db()
    assert learner.is_active
    response = client.post(reverse("withdraw_consent"), {"confirm": "on", "word": "отзываю"})
    assert response.status_code == 200
    learner.refresh_from_db()
    assert not learner.is_active and learner.last_name == "Обезличен"


def test_the_profile_links_to_the_withdrawal_page(client, demo):
    login(client, demo.users["omsk_member"])
    page = client.get(reverse("profile")).content.decode()
    assert reverse("withdraw_consent") in page
    assert client.get(reverse("withdraw_consent")).status_code == 200
    client.logout()
    assert client.get(reverse("withdraw_consent")).status_code == 302
