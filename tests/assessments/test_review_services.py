"""Reviews through their services: return, resubmit, accept; weighted scores with the rubric
frozen; only the team's mentor reviews, scoring every criterion."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments.models import Review, RouteDesign, RouteTransition
from assessments.services import (
    review_route,
    submit_route,
)
from lms.services import user_create


def all_points(design, value):
    return {c.pk: value for c in design.assignment.rubric.criteria.all()}


def test_return_then_resubmit_then_accept(demo, submitted_route):
    mentor, captain = demo.users["mentor"], demo.users["kuzbass_captain"]
    review = review_route(
        version=submitted_route.versions.get(number=1),
        mentor=mentor,
        points=all_points(submitted_route, 2),
        comment="Добавьте обед между площадками.",
        decision=Review.Decision.RETURN,
    )
    assert review.score == 50
    submitted_route.refresh_from_db()
    assert submitted_route.state == RouteDesign.State.RETURNED

    submit_route(design=submitted_route, user=captain)
    submitted_route.refresh_from_db()
    second = submitted_route.versions.get(number=2)
    assert second.is_frozen
    review = review_route(
        version=second,
        mentor=mentor,
        points=all_points(submitted_route, 4),
        comment="Отлично.",
        decision=Review.Decision.ACCEPT,
    )
    submitted_route.refresh_from_db()
    assert submitted_route.state == RouteDesign.State.ACCEPTED
    assert review.score == 100
    states = list(RouteTransition.objects.values_list("to_state", flat=True))
    assert states == ["submitted", "in_review", "returned", "submitted", "in_review", "accepted"]
    with pytest.raises(ValidationError):
        submit_route(design=submitted_route, user=captain)


def test_review_scores_are_weighted_and_the_rubric_is_frozen_with_them(demo, submitted_route):
    criteria = list(submitted_route.assignment.rubric.criteria.all())
    weights = [c.weight for c in criteria]
    assert weights == [2, 3, 3, 2]
    points = {criteria[0].pk: 4, criteria[1].pk: 0, criteria[2].pk: 2, criteria[3].pk: 1}
    review = review_route(
        version=submitted_route.versions.get(number=1),
        mentor=demo.users["mentor"],
        points=points,
        comment="Логистика не выполнима.",
        decision=Review.Decision.RETURN,
    )
    assert review.score == 40
    criteria[0].name = "Переименованный критерий"
    criteria[0].weight = 10
    criteria[0].save()
    first = review.scores.first()
    assert (first.criterion_name, first.weight) == ("Концепция и аудитория", 2)


def test_only_the_teams_mentor_reviews(demo, submitted_route):
    stranger = user_create(
        email="other.mentor@example.com",
        password=None,
        last_name="Иной",
        first_name="Н",
        roles=("mentor",),
    )
    with pytest.raises(PermissionDenied):
        review_route(
            version=submitted_route.versions.get(number=1),
            mentor=stranger,
            points=all_points(submitted_route, 3),
            comment="—",
            decision=Review.Decision.ACCEPT,
        )


def test_a_review_must_score_every_criterion_and_say_something(demo, submitted_route):
    version = submitted_route.versions.get(number=1)
    points = all_points(submitted_route, 3)
    points.popitem()
    with pytest.raises(ValidationError):
        review_route(
            version=version,
            mentor=demo.users["mentor"],
            points=points,
            comment="Хорошо",
            decision=Review.Decision.ACCEPT,
        )
    with pytest.raises(ValidationError):
        review_route(
            version=version,
            mentor=demo.users["mentor"],
            points=all_points(submitted_route, 3),
            comment="  ",
            decision=Review.Decision.ACCEPT,
        )
    assert not Review.objects.exists()
