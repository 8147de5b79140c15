from decimal import Decimal

import pytest

from assessments.scoring import CriterionMark, weighted_score


def test_full_marks_score_one_hundred():
    marks = [CriterionMark(2, 4, 4), CriterionMark(3, 4, 4)]
    assert weighted_score(marks) == Decimal("100.0")


def test_weights_decide_how_much_each_criterion_counts():
    # 2×(4/4) + 3×(0/4) + 3×(2/4) + 2×(1/4) = 2 + 0 + 1.5 + 0.5 = 4 of 10 → 40.0
    marks = [
        CriterionMark(2, 4, 4),
        CriterionMark(3, 0, 4),
        CriterionMark(3, 2, 4),
        CriterionMark(2, 1, 4),
    ]
    assert weighted_score(marks) == Decimal("40.0")


def test_score_is_rounded_half_up_to_one_decimal():
    # 1×(1/3) / 1 = 33.333… → 33.3; 2/3 → 66.7
    assert weighted_score([CriterionMark(1, 1, 3)]) == Decimal("33.3")
    assert weighted_score([CriterionMark(1, 2, 3)]) == Decimal("66.7")


@pytest.mark.parametrize(
    "marks",
    [
        [],
        [CriterionMark(1, 5, 4)],
        [CriterionMark(1, -1, 4)],
        [CriterionMark(0, 1, 4)],
        [CriterionMark(1, 0, 0)],
    ],
)
def test_impossible_marks_are_rejected(marks):
    with pytest.raises(ValueError):
        weighted_score(marks)
