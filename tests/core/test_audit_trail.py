"""One audit trail (issue 18, point 9): issuing, revoking, reissuing, bulk issue, review
publication and regrade, member scores, attendance, imports, anonymisation and consent are
all in Wagtail's log, with who and what changed, and the admin's Site history lists and
filters them."""

from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from assessments.models import Review
from assessments.services import review_route
from assessments.services.reviews import adjust_member_grade, reopen_review
from certificates.services import (
    reissue_certificate,
    revoke_certificate,
    set_attendance,
    start_bulk_issue,
)
from courses.models import Enrollment
from lms.privacy import current_policy
from lms.services import anonymise_user, apply_import, record_consent, set_name_dissemination
from tests.builders.learning import complete_program
from tests.builders.routes import certified_graduate, first_version, points
from tests.builders.spreadsheets import ROWS, csv_bytes
from tests.helpers import login

ACTIONS = [
    "promtourism.certificate.issue",
    "promtourism.certificate.revoke",
    "promtourism.certificate.reissue",
    "promtourism.certificate.bulk_issue",
    "promtourism.attendance.change",
    "promtourism.review.publish",
    "promtourism.review.reopen",
    "promtourism.review.regrade",
    "promtourism.review.member_score",
    "promtourism.import.apply",
    "promtourism.person.anonymise",
    "promtourism.consent.accept",
    "promtourism.consent.withdraw",
    "promtourism.consent.dissemination",
]


def entry(action, **data):
    """The latest log entry of the action, whose data holds `data`."""
    found = ModelLogEntry.objects.filter(action=action, data__contains=data).order_by("-pk")
    assert found.exists(), (action, data, list(ModelLogEntry.objects.values("action", "data")))
    return found.first()


def test_every_action_is_registered_with_a_russian_label():
    choices = dict(registry.get_choices())
    for action in ACTIONS:
        assert action in choices
        assert any("а" <= ch <= "я" for ch in str(choices[action]).lower()), action


def test_each_action_is_recorded_with_who_and_what_changed(
    client, demo, django_capture_on_commit_callbacks
):
    admin, mentor = demo.users["admin"], demo.users["mentor"]
    certificate = certified_graduate(demo)
    captain = certificate.holder
    e = entry("promtourism.certificate.issue", serial=certificate.serial)
    assert e.user == admin and e.object_id == str(certificate.pk) and e.timestamp
    assert captain.last_name not in e.label  # titled by serial, not by name

    design = captain.memberships.get().team.routes.get()
    review = first_version(design).reviews.get(status=Review.Status.PUBLISHED)
    assert entry("promtourism.review.publish", review_id=review.pk).user == mentor
    reopen_review(review=review, by=mentor, reason="Ошибка в критерии")
    e = entry("promtourism.review.reopen", reason="Ошибка в критерии")
    assert e.user == mentor and e.data["score"]["from"] == str(review.score)
    review_route(
        version=review.version,
        mentor=mentor,
        points=points(design, 2),
        comment="Пересмотрено.",
        decision=Review.Decision.ACCEPT,
    )
    e = entry("promtourism.review.regrade", review_id=review.pk)
    assert e.user == mentor and e.data["score"] == {"from": "75.0", "to": "50.0"}

    adjust_member_grade(
        review=review, member=captain, score=Decimal("60"), reason="Больший вклад", by=mentor
    )
    e = entry("promtourism.review.member_score", member_id=captain.pk)
    assert e.user == mentor and e.data["score"] == {"from": "50.0", "to": "60"}
    assert e.data["reason"] == "Больший вклад"

    enrollment = Enrollment.objects.get(user=captain, cohort=demo.cohort)
    before = enrollment.attendance_percent
    set_attendance({enrollment: 85}, by=admin)
    e = entry("promtourism.attendance.change", enrollment_id=enrollment.pk)
    assert e.user == admin and e.data["from"] == (None if before is None else str(before))
    assert e.data["to"] == "85"

    new = reissue_certificate(certificate=certificate, reissued_by=admin, reason="Новый балл")
    e = entry("promtourism.certificate.reissue", serial=certificate.serial)
    assert e.user == admin and e.data["new_serial"] == new.serial
    assert e.data["grade"] == {"from": "75.0", "to": "60.0"}
    revoke_certificate(certificate=new, reason="Подложные документы", revoked_by=admin)
    e = entry("promtourism.certificate.revoke", serial=new.serial)
    assert e.user == admin and e.data["reason"] == "Подложные документы"
    assert e.data["status"] == {"from": "valid", "to": "revoked"}

    member = demo.users["kuzbass_member"]
    complete_program(demo, member)
    with django_capture_on_commit_callbacks(execute=True):
        job = start_bulk_issue(cohort=demo.cohort, started_by=admin, user_ids=[member.pk])
    assert entry("promtourism.certificate.bulk_issue", job_id=job.pk).user == admin
    assert entry("promtourism.certificate.issue", holder_id=member.pk).user == admin

    with django_capture_on_commit_callbacks(execute=True):
        apply_import(demo.cohort, "people.csv", csv_bytes(ROWS), by=admin)
    e = entry("promtourism.import.apply", file="people.csv")
    assert e.user == admin and e.data["created"] == len(ROWS)

    learner = demo.users["omsk_member"]
    set_name_dissemination(learner, True)
    assert entry("promtourism.consent.dissemination", to=True).user == learner
    policy = current_policy()
    policy.save_revision().publish()
    record_consent(learner, current_policy())
    assert entry("promtourism.consent.accept", policy=policy.title).user == learner
    anonymise_user(learner, by=admin, reason="Заявление от 01.12.2026")
    e = entry("promtourism.person.anonymise", reason="Заявление от 01.12.2026")
    assert e.user == admin and e.object_id == str(learner.pk)

    # The admin's Site history lists them and filters by action.
    login(client, admin)
    url = reverse("wagtailadmin_reports:site_history")
    assert url == "/cms/reports/site-history/"
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Удостоверение отозвано" in text and "Посещаемость изменена" in text
    filtered = client.get(url, {"action": "promtourism.certificate.revoke"}).content.decode()
    assert "Подложные документы" in filtered and new.serial in filtered
    assert "Посещаемость изменена" not in filtered.split("<tbody")[-1]
    assert client.get(url, {"action": "promtourism.certificate.revoke"}).status_code == 200
    login(client, mentor)
    assert client.get(url).status_code in (302, 403)
    assert settings.WAGTAIL_SITE_NAME
