"""A member's grade may differ from the team's, with a reason."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assessments.models import Review
from assessments.services import (
    adjust_member_grade,
    member_score,
    review_route,
)
from tests.builders.routes import first_version, points
from tests.helpers import login


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


def test_members_scores_are_set_on_a_draft_and_seen_only_once_published(
    client, demo, submitted_route
):
    mentor, member = demo.users["mentor"], demo.users["kuzbass_member"]
    version = first_version(submitted_route)
    draft = review_route(
        version=version,
        mentor=mentor,
        points=points(submitted_route),
        comment="",
        decision="",
        publish=False,
    )
    login(client, mentor)
    url = reverse("assessments:review", args=[submitted_route.id])
    page = client.get(url, {"member": member.pk, "score": "37.5"}).content.decode()
    assert 'id="adjust"' in page and 'value="37.5"' in page  # the suggestion, prefilled only
    adjust_member_grade(review=draft, member=member, score=Decimal(40), reason="Мало", by=mentor)
    login(client, member)
    assert "Ваш балл за проект" not in client.get(reverse("dashboard")).content.decode()
    review_route(
        version=version,
        mentor=mentor,
        points=points(submitted_route),
        comment="Вернуть",
        decision=Review.Decision.RETURN,
    )
    assert "Ваш балл за проект: 40 из 100" in client.get(reverse("dashboard")).content.decode()
