"""The grading grade and the blended project score (assessments.scoring): pure arithmetic."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.scoring import CriterionMark, blended_score, grading_grade


def test_scores_equal_to_the_mentors_get_the_full_grading_grade():
    marks = {1: CriterionMark(2, 3, 4), 2: CriterionMark(1, 1, 4)}
    assert grading_grade(marks, {1: 3, 2: 1}) == 100


def test_the_grading_grade_falls_with_the_weighted_distance():
    marks = {1: CriterionMark(3, 4, 4), 2: CriterionMark(1, 0, 4)}
    # criterion 1 is 2 of 4 off (weight 3), criterion 2 exact: 100 − 50 × 3/4
    assert grading_grade(marks, {1: 2, 2: 0}) == Decimal("62.5")


def test_criteria_the_mentor_did_not_score_are_left_out():
    marks = {1: CriterionMark(1, 4, 4), 2: CriterionMark(1, 0, 4)}
    assert grading_grade(marks, {1: 4}) == 100
    with pytest.raises(ValueError):
        grading_grade(marks, {3: 1})


@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 10), st.data()), min_size=1))
def test_the_grading_grade_stays_within_0_and_100(rows):
    marks, reference = {}, {}
    for key, (weight, scale, data) in enumerate(rows):
        marks[key] = CriterionMark(weight, data.draw(st.integers(0, scale)), scale)
        reference[key] = data.draw(st.integers(0, scale))
    assert 0 <= grading_grade(marks, reference) <= 100


def test_the_blend_weighs_the_parts_and_gives_a_missing_parts_weight_back():
    mentor, peer, grading = Decimal(80), Decimal(60), Decimal(90)
    assert blended_score(
        mentor, peer=peer, peer_weight=20, grading=grading, grading_weight=10
    ) == Decimal("77.0")  # 80 × 0.7 + 60 × 0.2 + 90 × 0.1
    assert blended_score(
        mentor, peer=None, peer_weight=20, grading=grading, grading_weight=10
    ) == Decimal("81.0")  # 80 × 0.9 + 90 × 0.1
    assert blended_score(mentor, peer=peer, peer_weight=0, grading=None, grading_weight=0) == 80
    assert blended_score(None, peer=peer, peer_weight=20, grading=None, grading_weight=0) is None
