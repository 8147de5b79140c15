from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.grading import InvalidAnswers, Question, grade

SINGLE = Question("q1", "single", frozenset({"a", "b", "c"}), frozenset({"b"}))
MULTIPLE = Question("q2", "multiple", frozenset({"x", "y", "z"}), frozenset({"x", "z"}))
NUMERIC = Question("q3", "numeric", answer=Decimal("2"), tolerance=Decimal("0.1"))
QUIZ = [SINGLE, MULTIPLE, NUMERIC]


def test_all_right_scores_one_hundred():
    result = grade(QUIZ, {"q1": "b", "q2": ["z", "x"], "q3": "2"})
    assert result.score == Decimal("100.0")
    assert result.passed(100)


def test_multiple_choice_needs_exactly_the_right_set():
    assert not grade(QUIZ, {"q2": ["x"]}).correct["q2"]
    assert not grade(QUIZ, {"q2": ["x", "y", "z"]}).correct["q2"]
    assert grade(QUIZ, {"q2": ["x", "z"]}).correct["q2"]


def test_numeric_answers_accept_a_comma_and_the_tolerance():
    assert grade(QUIZ, {"q3": "2,1"}).correct["q3"]
    assert grade(QUIZ, {"q3": " 1.9 "}).correct["q3"]
    assert not grade(QUIZ, {"q3": "2.11"}).correct["q3"]


def test_unanswered_questions_count_as_wrong():
    result = grade(QUIZ, {"q1": "b"})
    assert result.score == Decimal("33.3")
    assert result.correct == {"q1": True, "q2": False, "q3": False}
    assert not result.passed(70)


@pytest.mark.parametrize(
    "answers",
    [
        {"q9": "a"},  # a question that is not in the quiz
        {"q1": "zzz"},  # a choice that is not in the question
        {"q1": ["a", "b"]},  # two answers to a single-choice question
        {"q3": "два"},  # not a number
        {"q3": "NaN"},
        {"q3": "Infinity"},
    ],
)
def test_answers_that_do_not_fit_the_quiz_are_rejected(answers):
    with pytest.raises(InvalidAnswers):
        grade(QUIZ, answers)


@given(st.lists(st.booleans(), min_size=1, max_size=40))
def test_score_is_the_share_of_right_answers(rights):
    questions = [
        Question(f"q{i}", "single", frozenset({"r", "w"}), frozenset({"r"}))
        for i in range(len(rights))
    ]
    answers = {f"q{i}": "r" if right else "w" for i, right in enumerate(rights)}
    result = grade(questions, answers)
    expected = Decimal(100 * sum(rights)) / len(rights)
    assert abs(result.score - expected) <= Decimal("0.05")
    assert Decimal(0) <= result.score <= Decimal(100)
