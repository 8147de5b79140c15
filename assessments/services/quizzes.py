"""A learner's quiz attempt, graded and stored."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.selectors import lesson_state
from courses.services import mark_lesson_done as complete_lesson
from lms.roles import CERTIFICATE_ADMIN, has_role

from ..grading import InvalidAnswers, grade
from ..models import ExtraAttempt, QuizAttempt
from ..selectors import extra_attempts, lesson_quizzes, quizzes_not_passed


def submit_quiz_attempt(*, user, quiz, lesson, answers: dict, attempt_number: int):
    """Grade and store one attempt. The attempt number is checked against the stored count.

    Raises ValidationError (no attempts left, a stale or tampered attempt number, answers
    that do not fit the quiz) and PermissionDenied (not enrolled, or the lesson is locked).
    """
    if quiz.pk not in {q.pk for q in lesson_quizzes(lesson)}:
        raise ValidationError(_("Этого теста нет в уроке."))
    state = lesson_state(lesson, user)
    if not state["enrolled"] or state["locked"]:
        raise PermissionDenied("the lesson is not open to this user")
    try:
        graded = grade(quiz.graded_questions(), answers)
    except InvalidAnswers as exc:
        raise ValidationError(
            _("Ответы не подходят к этому тесту. Обновите страницу и ответьте заново.")
        ) from exc
    try:
        with transaction.atomic():
            used = QuizAttempt.objects.select_for_update().filter(user=user, quiz=quiz).count()
            if used >= quiz.max_attempts + extra_attempts(user, quiz):
                raise ValidationError(_("Попытки закончились: засчитан лучший результат."))
            if attempt_number != used + 1:
                raise ValidationError(
                    _("Эта попытка уже отправлена или страница устарела. Обновите страницу.")
                )
            attempt = QuizAttempt.objects.create(
                user=user,
                quiz=quiz,
                lesson=lesson,
                number=used + 1,
                answers=answers,
                correct=graded.correct,
                score=graded.score,
                passed=graded.passed(quiz.pass_percent),
                submitted_at=timezone.now(),
            )
            if attempt.passed and not quizzes_not_passed(user, lesson):
                complete_lesson(user=user, lesson=lesson)  # the quiz was all the lesson asked
            return attempt
    except IntegrityError as exc:
        raise ValidationError(
            _("Эта попытка уже отправлена или страница устарела. Обновите страницу.")
        ) from exc


@transaction.atomic
def grant_extra_attempt(*, quiz, learner, by, reason: str) -> ExtraAttempt:
    """One more attempt at the quiz for the learner, from a mentor of their cohort or an admin;
    kept with its reason, and shown on the learner's lesson page."""
    mentors_them = learner.memberships.filter(
        Q(team__mentor=by) | Q(cohort__mentors=by) | Q(cohort__lead_mentor=by)
    ).exists()
    if not (mentors_them or has_role(by, CERTIFICATE_ADMIN)):
        raise PermissionDenied("not this learner's mentor")
    if not reason.strip():
        raise ValidationError(_("Укажите основание для дополнительной попытки."))
    return ExtraAttempt.objects.create(
        quiz=quiz,
        user=learner,
        reason=reason.strip()[:1000],
        granted_by=by,
        granted_at=timezone.now(),
    )
