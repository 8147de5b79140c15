"""Issuing and revoking certificates. The PDF is rendered afterwards by a Celery task."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import record
from core.notifications import notify
from core.outbox import enqueue
from lms.roles import CERTIFICATE_ADMIN, has_role

from .. import tasks
from ..credentials import invalidate_status_list
from ..models import Certificate, CertificateEvent, SerialCounter
from ..pdf import render_certificate
from ..selectors import eligibility_of
from ..serials import format_serial, new_verification_code


def _next_serial(year: int) -> str:
    counter = SerialCounter.objects.select_for_update().filter(year=year).first()
    if counter is None:  # the year's first certificate
        SerialCounter.objects.get_or_create(year=year)
        counter = SerialCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return format_serial(settings.CERTIFICATE_SERIAL_PREFIX, year, counter.last_number)


def issue_certificate(*, holder, cohort, issued_by, render: bool = True, need=None) -> Certificate:
    """Issue the holder's certificate for the cohort; issuing again returns the same one.

    The PDF is rendered by a task after the commit, unless `render` is False (a bulk task
    renders it itself). Raises PermissionDenied for a non-admin and ValidationError if the
    holder is not eligible.
    """
    if not has_role(issued_by, CERTIFICATE_ADMIN):
        raise PermissionDenied("only certificate admins issue certificates")
    existing = Certificate.objects.filter(
        holder=holder, cohort=cohort, status=Certificate.Status.VALID
    ).first()
    if existing is not None:
        return existing
    # After a revocation a new certificate may be issued: a new serial, and in the log.
    revoked = (
        Certificate.objects.filter(holder=holder, cohort=cohort, status=Certificate.Status.REVOKED)
        .order_by("-issued_at", "-id")
        .first()
    )
    eligibility = eligibility_of(holder, cohort, need=need)
    if eligibility is None or not eligibility.eligible:
        lacks = eligibility.lacks if eligibility else [_("не зачислен на поток")]
        raise ValidationError(
            _("Нельзя выдать удостоверение: %(lacks)s") % {"lacks": "; ".join(lacks)}
        )
    program = cohort.program
    now = timezone.now()
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                holder=holder,
                cohort=cohort,
                program=program,
                holder_name=holder.full_name,
                program_title=program.title,
                qualification=program.qualification,
                hours=program.hours,
                grade=eligibility.score,
                template=program.certificate_template,
                serial=_next_serial(timezone.localdate(now).year),
                code=new_verification_code(),
                issued_at=now,
                issued_by=issued_by,
            )
            again = {"after_revoked": revoked.serial} if revoked else {}
            _log(certificate, CertificateEvent.Action.ISSUE, issued_by, **again)
            _audit(certificate, "promtourism.certificate.issue", issued_by, **again)
            _tell_holder(certificate)
            if render:
                enqueue(tasks.render_certificate_pdf, certificate.pk)
    except IntegrityError:
        # Another request issued it a moment ago; its serial stands, ours was rolled back.
        return Certificate.objects.get(
            holder=holder, cohort=cohort, status=Certificate.Status.VALID
        )
    return certificate


def _tell_holder(certificate):
    notify(
        [certificate.holder],
        template="certificate_issued",
        context={"certificate": certificate, "verify_url": certificate.verify_url()},
        url=certificate.get_verify_path(),
    )


def _audit(certificate, action, user, **data):
    """The certificate's entry in the site history; titled by serial, not by name."""
    data = {"serial": certificate.serial, "holder_id": certificate.holder_id, **data}
    record(certificate, action, user=user, data=data, title=certificate.serial)


def _log(certificate, action, actor, **details):
    CertificateEvent.objects.create(
        certificate=certificate, action=action, actor=actor, at=timezone.now(), details=details
    )


@transaction.atomic
def reissue_certificate(*, certificate: Certificate, reissued_by, reason: str) -> Certificate:
    """A new certificate (new serial, current name) replacing the old one, e.g. after a
    name correction. The old one stays, marked replaced, and points to the new one."""
    if not has_role(reissued_by, CERTIFICATE_ADMIN):
        raise PermissionDenied("only certificate admins reissue certificates")
    if not reason.strip():
        raise ValidationError(_("Укажите причину перевыпуска."))
    old = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if old.status != Certificate.Status.VALID:
        raise ValidationError(_("Перевыпустить можно только действующее удостоверение."))
    # The new one carries the grade the learner has now (a regraded review changes it).
    eligibility = eligibility_of(old.holder, old.cohort)
    if eligibility is None or not eligibility.eligible:
        raise ValidationError(
            _("Слушатель сейчас не допущен к удостоверению (%(lacks)s): его можно отозвать.")
            % {"lacks": "; ".join(eligibility.lacks) if eligibility else _("не зачислен")}
        )
    old.status = Certificate.Status.REPLACED
    old.save(update_fields=["status"])
    now = timezone.now()
    new = Certificate.objects.create(
        holder=old.holder,
        cohort=old.cohort,
        program=old.program,
        holder_name=old.holder.full_name,
        program_title=old.program_title,
        qualification=old.qualification,
        hours=old.hours,
        grade=eligibility.score,
        template=old.template,
        serial=_next_serial(timezone.localdate(now).year),
        code=new_verification_code(),
        issued_at=now,
        issued_by=reissued_by,
    )
    old.replaced_by = new
    old.save(update_fields=["replaced_by"])
    _log(
        old,
        CertificateEvent.Action.REISSUE,
        reissued_by,
        reason=reason.strip(),
        new_serial=new.serial,
        **({"grade": [str(old.grade), str(new.grade)]} if old.grade != new.grade else {}),
    )
    _log(new, CertificateEvent.Action.ISSUE, reissued_by, replaces=old.serial)
    _audit(
        old,
        "promtourism.certificate.reissue",
        reissued_by,
        reason=reason.strip(),
        new_serial=new.serial,
        grade={"from": _num(old.grade), "to": _num(new.grade)},
    )
    _audit(new, "promtourism.certificate.issue", reissued_by, replaces=old.serial)
    _tell_holder(new)
    enqueue(tasks.render_certificate_pdf, new.pk)
    _status_changed(old)
    return new


@transaction.atomic
def revoke_certificate(*, certificate: Certificate, reason: str, revoked_by) -> Certificate:
    """Mark the certificate revoked with a reason. Its serial is never reused."""
    if not has_role(revoked_by, CERTIFICATE_ADMIN):
        raise PermissionDenied("only certificate admins revoke certificates")
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Укажите причину отзыва."))
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status == Certificate.Status.REVOKED:
        raise ValidationError(_("Удостоверение уже отозвано."))
    certificate.status = Certificate.Status.REVOKED
    certificate.revoked_reason = reason
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = revoked_by
    certificate.save(update_fields=["status", "revoked_reason", "revoked_at", "revoked_by"])
    _log(certificate, CertificateEvent.Action.REVOKE, revoked_by, reason=reason)
    _audit(
        certificate,
        "promtourism.certificate.revoke",
        revoked_by,
        reason=reason,
        status={"from": Certificate.Status.VALID, "to": Certificate.Status.REVOKED},
    )
    _status_changed(certificate)
    return certificate


def _num(value):
    return None if value is None else str(value)


def _status_changed(certificate: Certificate) -> None:
    """Its bit is set now (revoked or replaced): its status list is signed anew. Once now
    (this transaction reads its own change) and again after the commit (a request that
    signed the list meanwhile, before the commit, cached the old bits)."""
    number = certificate.status_list
    invalidate_status_list(number)
    transaction.on_commit(lambda: invalidate_status_list(number))


def store_certificate_pdf(*, certificate: Certificate) -> Certificate:
    """Render the certificate's PDF and store it at its fixed path (a rerun overwrites it)."""
    data = render_certificate(certificate)
    name = f"certificates/{certificate.pk}.pdf"
    storage = certificate.pdf.storage
    try:
        storage.delete(name)  # a rerun overwrites the same file
    except FileNotFoundError:
        pass
    certificate.pdf.save(name, ContentFile(data), save=False)
    certificate.pdf_rendered_at = timezone.now()
    certificate.save(update_fields=["pdf", "pdf_rendered_at"])
    return certificate


@transaction.atomic
def set_attendance(values: dict, *, by) -> None:
    """Attendance figures per enrollment, as entered by an admin; changes are audited."""
    import logging

    if not has_role(by, CERTIFICATE_ADMIN):
        raise PermissionDenied("only certificate admins enter attendance")
    log = logging.getLogger("certificates.attendance")
    for enrollment, value in values.items():
        if enrollment.attendance_percent != value:
            log.info(
                "attendance of enrollment %s: %s -> %s by %s",
                enrollment.pk,
                enrollment.attendance_percent,
                value,
                by.pk,
            )
            record(
                enrollment,
                "promtourism.attendance.change",
                user=by,
                data={
                    "enrollment_id": enrollment.pk,
                    "user_id": enrollment.user_id,
                    "cohort_id": enrollment.cohort_id,
                    "from": _num(enrollment.attendance_percent),
                    "to": _num(value),
                },
                title=f"#{enrollment.pk}",
            )
            enrollment.attendance_percent = value
            enrollment.save(update_fields=["attendance_percent"])
