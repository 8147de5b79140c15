import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from certificates.models import Certificate
from certificates.selectors import cohort_eligibility
from certificates.services import issue_certificate, revoke_certificate
from tests.builders.learning import complete_program
from tests.helpers import pdf_text


def test_eligibility_lists_what_each_learner_lacks(demo, graduate):
    rows = {row.user.email: row for row in cohort_eligibility(demo.cohort)}
    assert rows[graduate.email].eligible
    total, quizzes = len(demo.lessons), len(demo.quizzes)
    member = rows["kuzbass.member@demo.test"]
    assert not member.eligible
    assert member.lacks == [f"пройдено уроков 0 из {total}", f"сдано тестов 0 из {quizzes}"]
    omsk = rows["omsk.captain@demo.test"]
    assert omsk.lacks == [
        f"пройдено уроков 0 из {total}",
        f"сдано тестов 0 из {quizzes}",
        "маршрут команды не принят",
    ]


def test_issue_creates_a_serial_and_issuing_again_returns_the_same(demo, graduate):
    admin = demo.users["admin"]
    first = issue_certificate(holder=graduate, cohort=demo.cohort, issued_by=admin)
    again = issue_certificate(holder=graduate, cohort=demo.cohort, issued_by=admin)
    assert first.pk == again.pk
    assert re.fullmatch(r"ПТА-\d{4}-000001", first.serial)
    assert first.holder_name == "Кузнецова Елена Игоревна"
    assert first.hours == 144
    assert first.grade == 75
    assert Certificate.objects.count() == 1


def test_serials_run_on_without_gaps(demo, graduate):
    admin = demo.users["admin"]
    member = demo.users["kuzbass_member"]
    complete_program(demo, member)
    a = issue_certificate(holder=graduate, cohort=demo.cohort, issued_by=admin)
    b = issue_certificate(holder=member, cohort=demo.cohort, issued_by=admin)
    assert int(a.serial[-6:]) + 1 == int(b.serial[-6:])
    assert a.code != b.code


def test_ineligible_learner_gets_no_certificate(demo):
    with pytest.raises(ValidationError) as error:
        issue_certificate(
            holder=demo.users["omsk_member"], cohort=demo.cohort, issued_by=demo.users["admin"]
        )
    assert "маршрут команды не принят" in str(error.value)
    assert not Certificate.objects.exists()


def test_only_certificate_admins_issue_and_revoke(demo, graduate):
    with pytest.raises(PermissionDenied):
        issue_certificate(holder=graduate, cohort=demo.cohort, issued_by=demo.users["mentor"])
    certificate = issue_certificate(
        holder=graduate, cohort=demo.cohort, issued_by=demo.users["admin"]
    )
    with pytest.raises(PermissionDenied):
        revoke_certificate(certificate=certificate, reason="—", revoked_by=graduate)


def test_revoke_needs_a_reason_and_keeps_the_serial(demo, graduate):
    admin = demo.users["admin"]
    certificate = issue_certificate(holder=graduate, cohort=demo.cohort, issued_by=admin)
    with pytest.raises(ValidationError):
        revoke_certificate(certificate=certificate, reason="   ", revoked_by=admin)
    revoked = revoke_certificate(
        certificate=certificate, reason="Ошибка в фамилии", revoked_by=admin
    )
    assert revoked.status == Certificate.Status.REVOKED
    assert revoked.revoked_at is not None
    assert revoked.serial == certificate.serial
    with pytest.raises(ValidationError):
        revoke_certificate(certificate=revoked, reason="Ещё раз", revoked_by=admin)


def test_pdf_is_rendered_after_commit_with_cyrillic_name_serial_and_verify_url(
    demo, graduate, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue_certificate(
            holder=graduate, cohort=demo.cohort, issued_by=demo.users["admin"]
        )
    certificate.refresh_from_db()
    assert certificate.pdf.name == f"certificates/{certificate.pk}.pdf"
    text = pdf_text(certificate.pdf.read())
    flat = " ".join(text.split())
    assert "Кузнецова Елена Игоревна" in flat
    assert certificate.serial in flat
    assert "Специалист по развитию промышленного туризма" in flat
    assert certificate.code in text.replace("\n", "")
