"""A learner's quiz attempt, sent from the lesson page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.languages import default_locale_pages
from core.numbers import percent
from courses.models import LessonPage

from ..models import Quiz
from ..services import submit_quiz_attempt


def _answers_from(post, quiz) -> dict:
    """Answers keyed by question id, from fields named q-<question id>."""
    multiple = {block.id for block in quiz.questions if block.block_type == "multiple"}
    answers = {}
    for key in post:
        if not key.startswith("q-"):
            continue
        question_id = key[2:]
        answers[question_id] = (
            post.getlist(key) if question_id in multiple else post.get(key, "")[:100]
        )
    return answers


# Far beyond any quiz's limit of attempts, and well inside the database's integers.
MAX_ATTEMPT_NUMBER = 10_000


@login_required
@require_POST
def submit_quiz(request, lesson_id: int, quiz_id: int):
    lesson = get_object_or_404(default_locale_pages(LessonPage.objects.live()), id=lesson_id)
    quiz = get_object_or_404(Quiz, id=quiz_id)
    anchor = f"{lesson.url}#quiz-{quiz.id}"
    try:
        number = int(request.POST.get("attempt", ""))
        if not 0 < number <= MAX_ATTEMPT_NUMBER:
            raise ValueError(number)
    except ValueError:
        messages.error(request, _("Форма теста повреждена. Обновите страницу."))
        return redirect(anchor)
    try:
        attempt = submit_quiz_attempt(
            user=request.user,
            quiz=quiz,
            lesson=lesson,
            answers=_answers_from(request.POST, quiz),
            attempt_number=number,
        )
    except PermissionDenied:
        messages.error(request, _("Этот урок пока вам недоступен."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if attempt.passed:
            score = percent(attempt.score)
            messages.success(request, _("Тест сдан: %(score)s.") % {"score": score})
        else:
            messages.warning(
                request,
                _("Тест не сдан: %(score)s, нужно %(pass)s.")
                % {"score": percent(attempt.score), "pass": percent(quiz.pass_percent)},
            )
    return redirect(anchor)
