"""A member's grade may differ from the team's, with a reason."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments.services import (
    adjust_member_grade,
    member_score,
    review_route,
)
from tests.builders.routes import first_version, points


def test_a_member_grade_can_differ_from_the_team_with_a_reason(demo, submitted_route):
    review = review_route(
        version=first_version(submitted_route),
        mentor=demo.users["mentor"],
        points=points(submitted_route, 4),
        comment="Принято",
        decision="accept",
    )
    member = demo.users["kuzbass_member"]
    assert member_score(review, member) == 100
    with pytest.raises(ValidationError):
        adjust_member_grade(
            review=review, member=member, score=60, reason=" ", by=demo.users["mentor"]
        )
    adjust_member_grade(
        review=review,
        member=member,
        score=60,
        reason="Не участвовал в выезде",
        by=demo.users["mentor"],
    )
    assert member_score(review, member) == 60
    assert member_score(review, demo.users["kuzbass_captain"]) == 100
    with pytest.raises(PermissionDenied):
        adjust_member_grade(
            review=review, member=member, score=90, reason="—", by=demo.users["admin"]
        )
