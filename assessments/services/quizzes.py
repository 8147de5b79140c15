"""A learner's quiz attempt, graded and stored."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.selectors import lesson_state

from ..grading import InvalidAnswers, grade
from ..models import QuizAttempt
from ..selectors import lesson_quizzes


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
            if used >= quiz.max_attempts:
                raise ValidationError(_("Попытки закончились: засчитан лучший результат."))
            if attempt_number != used + 1:
                raise ValidationError(
                    _("Эта попытка уже отправлена или страница устарела. Обновите страницу.")
                )
            return QuizAttempt.objects.create(
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
    except IntegrityError as exc:
        raise ValidationError(
            _("Эта попытка уже отправлена или страница устарела. Обновите страницу.")
        ) from exc
