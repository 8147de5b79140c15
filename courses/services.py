"""Operations that change the learning state."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .models import Enrollment, LessonPage, LessonProgress
from .selectors import is_enrolled, program_of


def enroll(*, user, cohort) -> Enrollment:
    """Enrol the user in the cohort; enrolling twice returns the same enrolment."""
    enrollment, _ = Enrollment.objects.get_or_create(user=user, cohort=cohort)
    return enrollment


@transaction.atomic
def mark_lesson_done(*, user, lesson: LessonPage) -> LessonProgress:
    """Record that the learner finished the lesson; the first completion time is kept."""
    program = program_of(lesson)
    if program is None or not is_enrolled(user, program):
        raise PermissionDenied("not enrolled in this lesson's program")
    progress, _ = LessonProgress.objects.get_or_create(
        user=user,
        lesson=lesson,
        defaults={"lesson_title": lesson.title, "completed_at": timezone.now()},
    )
    return progress
