import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from assessments.models import QuizAttempt
from assessments.selectors import lesson_quizzes
from assessments.services import submit_quiz_attempt
from courses.models import LessonProgress
from courses.services import mark_lesson_done
from tests.builders.learning import right_answers, wrong_answers
from tests.helpers import login


@pytest.fixture
def quiz_lesson(demo):
    lesson = next(lesson for lesson in demo.lessons if lesson_quizzes(lesson))
    return lesson, lesson_quizzes(lesson)[0]


def post_attempt(client, lesson, quiz, answers, number):
    data = {"attempt": str(number)}
    for question_id, value in answers.items():
        data[f"q-{question_id}"] = value
    url = reverse("assessments:submit_quiz", args=[lesson.id, quiz.id])
    return client.post(url, data, follow=True)


def test_right_answers_and_explanations_never_reach_the_browser_before_submitting(
    client, demo, quiz_lesson
):
    lesson, quiz = quiz_lesson
    login(client, demo.users["kuzbass_member"])
    page = client.get(lesson.url).content.decode()
    assert f'id="quiz-{quiz.id}"' in page
    for block in quiz.questions:
        if block.value["explanation"]:
            assert block.value["explanation"] not in page
        if block.block_type == "numeric":
            assert f'value="{block.value["answer"]}"' not in page
    assert "correct" not in page.lower()


def test_fail_then_pass_keeps_every_attempt_and_the_best_counts(client, demo, quiz_lesson):
    lesson, quiz = quiz_lesson
    learner = demo.users["kuzbass_member"]
    login(client, learner)
    page = post_attempt(client, lesson, quiz, wrong_answers(quiz), 1).content.decode()
    assert "Тест не сдан" in page
    assert "Разбор попытки 1" in page
    explanations = [b.value["explanation"] for b in quiz.questions if b.value["explanation"]]
    assert not any(text in page for text in explanations)  # they would give the answers away
    page = post_attempt(client, lesson, quiz, right_answers(quiz), 2).content.decode()
    assert "Тест сдан: 100\u00a0%" in page
    assert all(text in page for text in explanations)
    attempts = list(QuizAttempt.objects.filter(user=learner, quiz=quiz).order_by("number"))
    assert [(a.number, a.passed) for a in attempts] == [(1, False), (2, True)]
    assert 'data-quiz-passed="true"' in page


def test_lesson_with_a_quiz_is_done_only_after_the_quiz_is_passed(demo, quiz_lesson):
    lesson, quiz = quiz_lesson
    learner = demo.users["omsk_member"]
    with pytest.raises(ValidationError):
        mark_lesson_done(user=learner, lesson=lesson)
    submit_quiz_attempt(
        user=learner, quiz=quiz, lesson=lesson, answers=right_answers(quiz), attempt_number=1
    )
    mark_lesson_done(user=learner, lesson=lesson)
    assert LessonProgress.objects.filter(user=learner, lesson=lesson).exists()


def test_attempts_run_out(demo, quiz_lesson):
    lesson, quiz = quiz_lesson
    learner = demo.users["omsk_captain"]
    for number in range(1, quiz.max_attempts + 1):
        submit_quiz_attempt(
            user=learner,
            quiz=quiz,
            lesson=lesson,
            answers=wrong_answers(quiz),
            attempt_number=number,
        )
    with pytest.raises(ValidationError, match="Попытки закончились"):
        submit_quiz_attempt(
            user=learner,
            quiz=quiz,
            lesson=lesson,
            answers=right_answers(quiz),
            attempt_number=quiz.max_attempts + 1,
        )
    assert QuizAttempt.objects.filter(user=learner).count() == quiz.max_attempts


@pytest.mark.parametrize("number", ["1", "7", "-1", "один", ""])
def test_a_tampered_or_repeated_attempt_number_gets_a_message_not_a_500(
    client, demo, quiz_lesson, number
):
    lesson, quiz = quiz_lesson
    learner = demo.users["kuzbass_member"]
    submit_quiz_attempt(
        user=learner, quiz=quiz, lesson=lesson, answers=wrong_answers(quiz), attempt_number=1
    )
    login(client, learner)
    data = {"attempt": number}
    data.update({f"q-{k}": v for k, v in right_answers(quiz).items()})
    response = client.post(
        reverse("assessments:submit_quiz", args=[lesson.id, quiz.id]), data, follow=True
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Обновите страницу" in page
    assert QuizAttempt.objects.filter(user=learner).count() == 1


def test_an_answer_to_a_question_not_in_the_quiz_is_refused(client, demo, quiz_lesson):
    lesson, quiz = quiz_lesson
    login(client, demo.users["kuzbass_member"])
    answers = {**right_answers(quiz), "not-a-question": "x"}
    page = post_attempt(client, lesson, quiz, answers, 1).content.decode()
    assert "Ответы не подходят к этому тесту" in page
    assert not QuizAttempt.objects.exists()


def test_a_quiz_from_another_lesson_is_refused(client, demo, quiz_lesson):
    lesson, quiz = quiz_lesson
    other = next(item for item in demo.lessons if quiz not in lesson_quizzes(item))
    login(client, demo.users["kuzbass_member"])
    page = post_attempt(client, other, quiz, right_answers(quiz), 1).content.decode()
    assert "Этого теста нет в уроке" in page
    assert not QuizAttempt.objects.exists()


def test_an_expired_session_is_sent_to_login_and_a_stale_form_gets_a_clear_page(demo, quiz_lesson):
    lesson, quiz = quiz_lesson
    url = reverse("assessments:submit_quiz", args=[lesson.id, quiz.id])
    anonymous = Client()
    response = anonymous.post(url, {"attempt": "1"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    strict = Client(enforce_csrf_checks=True)
    login(strict, demo.users["kuzbass_member"])
    response = strict.post(url, {"attempt": "1"})
    assert response.status_code == 403
    assert "Страница устарела" in response.content.decode()
    assert not QuizAttempt.objects.exists()
