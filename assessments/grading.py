"""Quiz grading: pure, no Django. Questions carry the right answers; the browser never does."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


class InvalidAnswers(ValueError):
    """The submitted answers do not fit the quiz (unknown question or choice, bad number)."""


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # "single", "multiple" or "numeric"
    choice_ids: frozenset[str] = frozenset()
    correct_choices: frozenset[str] = frozenset()
    answer: Decimal | None = None
    tolerance: Decimal = Decimal(0)


@dataclass(frozen=True)
class Graded:
    score: Decimal  # percent, one decimal
    correct: dict[str, bool]

    def passed(self, pass_percent: int) -> bool:
        return self.score >= pass_percent


def _is_right(question: Question, given) -> bool:
    if question.kind == "numeric":
        if given in (None, ""):
            return False
        try:
            value = Decimal(str(given).replace(",", ".").strip())
        except InvalidOperation as exc:
            raise InvalidAnswers(f"not a number for {question.id}") from exc
        if not value.is_finite():
            raise InvalidAnswers(f"not a finite number for {question.id}")
        return abs(value - question.answer) <= question.tolerance
    chosen = {given} if isinstance(given, str) else set(given or ())
    chosen.discard("")
    if not chosen <= question.choice_ids:
        raise InvalidAnswers(f"unknown choice for {question.id}")
    if question.kind == "single" and len(chosen) > 1:
        raise InvalidAnswers(f"several choices for single-choice {question.id}")
    return chosen == question.correct_choices


def grade(questions: Sequence[Question], answers: Mapping[str, object]) -> Graded:
    """Grade answers keyed by question id. Unanswered questions count as wrong.

    Raises InvalidAnswers for an answer to a question that is not in the quiz.
    """
    ids = {q.id for q in questions}
    unknown = set(answers) - ids
    if unknown:
        raise InvalidAnswers(f"answers for questions not in the quiz: {sorted(unknown)}")
    if not questions:
        raise InvalidAnswers("the quiz has no questions")
    correct = {q.id: _is_right(q, answers.get(q.id)) for q in questions}
    score = Decimal(100 * sum(correct.values())) / len(questions)
    return Graded(score=score.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), correct=correct)
