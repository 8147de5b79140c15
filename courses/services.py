"""Operations that change the learning state."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.notifications import notify
from lms.roles import CERTIFICATE_ADMIN, has_role

from .hooks import unmet_requirements
from .models import Enrollment, EnrollmentRequest, LessonPage, LessonProgress
from .selectors import is_enrolled, lesson_state, program_of


def enroll(*, user, cohort) -> Enrollment:
    """Enrol the user in the cohort; enrolling twice returns the same enrolment."""
    enrollment, _created = Enrollment.objects.get_or_create(user=user, cohort=cohort)
    return enrollment


def enroll_members(*, cohort, users, **signal) -> None:
    """Enrol people who joined the cohort's teams (connected to lms's `members_joined`);
    those already enrolled stay as they are."""
    Enrollment.objects.bulk_create(
        [Enrollment(user=user, cohort=cohort) for user in users],
        batch_size=1000,
        ignore_conflicts=True,
    )


@transaction.atomic
def mark_lesson_done(*, user, lesson: LessonPage) -> LessonProgress:
    """Record that the learner finished the lesson; the first completion time is kept.

    Raises PermissionDenied if the learner may not study it (not enrolled, module locked)
    and ValidationError while a quiz of the lesson is not passed.
    """
    program = program_of(lesson)
    if program is None or not is_enrolled(user, program):
        raise PermissionDenied("not enrolled in this lesson's program")
    if lesson_state(lesson, user)["locked"]:
        raise PermissionDenied("the lesson's module is locked")
    failed = unmet_requirements(user, lesson)
    if failed:
        raise ValidationError(_("Сначала сдайте тест: %(titles)s.") % {"titles": ", ".join(failed)})
    progress, _created = LessonProgress.objects.get_or_create(
        user=user,
        lesson=lesson,
        defaults={"lesson_title": lesson.title, "completed_at": timezone.now()},
    )
    return progress


@transaction.atomic
def request_enrollment(*, user, cohort) -> EnrollmentRequest:
    """Ask to join a cohort with open enrolment; asking twice returns the same request."""
    if not cohort.enrolment_open:
        raise ValidationError(_("Набор на этот поток закрыт."))
    if Enrollment.objects.filter(user=user, cohort=cohort).exists():
        raise ValidationError(_("Вы уже зачислены на этот поток."))
    request, _created = EnrollmentRequest.objects.get_or_create(user=user, cohort=cohort)
    return request


@transaction.atomic
def decide_enrollment(*, enrollment_request: EnrollmentRequest, approve: bool, decided_by):
    """Approve (and enrol) or reject a pending request."""
    if not has_role(decided_by, CERTIFICATE_ADMIN):
        raise PermissionDenied("only admins decide on enrolment")
    req = EnrollmentRequest.objects.select_for_update().get(pk=enrollment_request.pk)
    if req.status != EnrollmentRequest.Status.PENDING:
        raise ValidationError(_("По этой заявке уже есть решение."))
    req.status = EnrollmentRequest.Status.APPROVED if approve else EnrollmentRequest.Status.REJECTED
    req.decided_at = timezone.now()
    req.decided_by = decided_by
    req.save(update_fields=["status", "decided_at", "decided_by"])
    if approve:
        enroll(user=req.user, cohort=req.cohort)
        notify(
            [req.user],
            template="enrollment_approved",
            context={"cohort": req.cohort},
            url="/dashboard/",
        )
    return req
