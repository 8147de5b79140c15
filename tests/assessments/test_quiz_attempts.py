"""Quizzes as a learner meets them: passing completes the lesson, explanations wait for the
moment the quiz names, a mentor grants an extra attempt from the learner's row."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assessments.models import ExtraAttempt, Quiz
from assessments.selectors import lesson_quizzes
from assessments.services import grant_extra_attempt, submit_quiz_attempt
from courses.models import LessonProgress
from tests.builders.learning import right_answers, wrong_answers
from tests.helpers import login


@pytest.fixture
def quiz_lesson(demo):
    lesson = next(lesson for lesson in demo.lessons[:3] if len(lesson_quizzes(lesson)) == 1)
    return lesson, lesson_quizzes(lesson)[0]


def _attempt(user, lesson, quiz, answers):
    number = quiz.attempts.filter(user=user).count() + 1
    return submit_quiz_attempt(
        user=user, quiz=quiz, lesson=lesson, answers=answers, attempt_number=number
    )


def test_passing_the_lessons_quiz_completes_the_lesson(demo, quiz_lesson):
    lesson, quiz = quiz_lesson
    learner = demo.users["omsk_member"]
    _attempt(learner, lesson, quiz, wrong_answers(quiz))
    assert not LessonProgress.objects.filter(user=learner, lesson=lesson).exists()
    _attempt(learner, lesson, quiz, right_answers(quiz))
    assert LessonProgress.objects.filter(user=learner, lesson=lesson).exists()


@pytest.mark.parametrize(
    "policy, shown_after_a_failed_attempt, shown_after_the_last",
    [
        (Quiz.Explanations.AFTER_PASS, False, False),
        (Quiz.Explanations.AFTER_LAST_ATTEMPT, False, True),
        (Quiz.Explanations.NEVER, False, False),
    ],
)
def test_explanations_appear_only_when_the_quiz_says(
    client, demo, quiz_lesson, policy, shown_after_a_failed_attempt, shown_after_the_last
):
    lesson, quiz = quiz_lesson
    quiz.explanations = policy
    quiz.max_attempts = 2
    quiz.save()
    explanations = [b.value["explanation"] for b in quiz.questions if b.value["explanation"]]
    assert explanations
    learner = demo.users["omsk_member"]
    login(client, learner)
    _attempt(learner, lesson, quiz, wrong_answers(quiz))
    page = client.get(lesson.url).content.decode()
    assert "неверно" in page  # the review of the attempt is there
    assert all((text in page) == shown_after_a_failed_attempt for text in explanations)
    _attempt(learner, lesson, quiz, wrong_answers(quiz))
    page = client.get(lesson.url).content.decode()
    assert all((text in page) == shown_after_the_last for text in explanations)


def test_explanations_follow_a_passed_attempt_by_default(client, demo, quiz_lesson):
    lesson, quiz = quiz_lesson
    assert quiz.explanations == Quiz.Explanations.AFTER_PASS
    learner = demo.users["omsk_member"]
    login(client, learner)
    _attempt(learner, lesson, quiz, right_answers(quiz))
    page = client.get(lesson.url).content.decode()
    assert all(b.value["explanation"] in page for b in quiz.questions if b.value["explanation"])


def test_a_mentor_grants_an_extra_attempt_from_the_learners_row(client, demo, quiz_lesson):
    lesson, quiz = quiz_lesson
    learner = demo.users["omsk_member"]
    for _ in range(quiz.max_attempts):
        _attempt(learner, lesson, quiz, wrong_answers(quiz))
    with pytest.raises(ValidationError):
        _attempt(learner, lesson, quiz, right_answers(quiz))
    login(client, learner)
    assert "Наставник может добавить вам попытку" in client.get(lesson.url).content.decode()

    login(client, demo.users["mentor"])
    url = reverse("grant_extra_attempt", args=[demo.cohort.id, learner.id])
    report = client.get(reverse("cohort_report", args=[demo.cohort.id])).content.decode()
    assert url in report  # the form sits in the learner's row
    refused = client.post(url, {"quiz": quiz.id, "reason": " "}, follow=True)
    assert "Укажите основание" in refused.content.decode()
    client.post(url, {"quiz": quiz.id, "reason": "Болел в день теста"})
    (extra,) = ExtraAttempt.objects.filter(user=learner, quiz=quiz)
    assert extra.granted_by == demo.users["mentor"] and extra.reason == "Болел в день теста"

    login(client, learner)
    page = client.get(lesson.url).content.decode()
    assert (
        "Дополнительная попытка от наставника (Лебедев Андрей Павлович): Болел в день теста" in page
    )
    assert "осталось попыток: 1" in page
    assert _attempt(learner, lesson, quiz, right_answers(quiz)).passed


def test_only_the_learners_mentors_and_admins_grant_attempts(demo, quiz_lesson):
    _lesson, quiz = quiz_lesson
    learner = demo.users["omsk_member"]
    with pytest.raises(PermissionDenied):
        grant_extra_attempt(
            quiz=quiz, learner=learner, by=demo.users["kuzbass_captain"], reason="по дружбе"
        )
    grant_extra_attempt(quiz=quiz, learner=learner, by=demo.users["admin"], reason="Сбой сети")
    assert ExtraAttempt.objects.filter(user=learner).count() == 1
