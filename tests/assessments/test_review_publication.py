"""A review reaches the team only when published: drafts stay private, a lead mentor approves
first, e-mails go out on submission and publication."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from assessments.models import (
    Review,
    RouteDesign,
)
from assessments.services import (
    approve_review,
    review_route,
)
from tests.builders.routes import build_submitted_route, first_version, points
from tests.helpers import login


def test_a_draft_review_is_private_until_published(client, demo, submitted_route):
    mentor = demo.users["mentor"]
    review_route(
        version=first_version(submitted_route),
        mentor=mentor,
        points=points(submitted_route),
        comment="Черновик: пока не показывать",
        decision="return",
        publish=False,
    )
    submitted_route.refresh_from_db()
    assert submitted_route.state == RouteDesign.State.IN_REVIEW
    login(client, demo.users["kuzbass_captain"])
    page = client.get(reverse("assessments:studio", args=[submitted_route.id])).content.decode()
    assert "Черновик: пока не показывать" not in page
    review_route(
        version=first_version(submitted_route),
        mentor=mentor,
        points=points(submitted_route),
        comment="Опубликовано",
        decision="return",
        publish=True,
    )
    assert Review.objects.count() == 1
    page = client.get(reverse("assessments:studio", args=[submitted_route.id])).content.decode()
    assert "Опубликовано" in page


def test_the_team_is_emailed_when_the_review_is_published_not_before(
    demo, submitted_route, django_capture_on_commit_callbacks
):
    mentor = demo.users["mentor"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review_route(
            version=first_version(submitted_route),
            mentor=mentor,
            points=points(submitted_route),
            comment="—",
            decision="accept",
            publish=False,
        )
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        review_route(
            version=first_version(submitted_route),
            mentor=mentor,
            points=points(submitted_route),
            comment="Принято",
            decision="accept",
        )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "kuzbass.captain@demo.test",
        "kuzbass.member@demo.test",
    ]
    assert "принят" in mail.outbox[0].subject


def test_the_mentor_is_emailed_on_submission(
    demo, kuzbass_team, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        build_submitted_route(demo)
    to_mentor = [m for m in mail.outbox if m.to == ["mentor@demo.test"]]
    assert len(to_mentor) == 1 and "Команда Кузбасса" in to_mentor[0].subject
    # The members are asked for their contribution notes, the mentor is not.
    asked = sorted(m.to[0] for m in mail.outbox if "вклад" in m.subject)
    assert asked == ["kuzbass.captain@demo.test", "kuzbass.member@demo.test"]


def test_a_lead_mentor_checks_reviews_before_the_team_sees_them(demo, submitted_route):
    lead = demo.users["admin"]
    demo.cohort.lead_mentor = lead
    demo.cohort.save()
    review = review_route(
        version=first_version(submitted_route),
        mentor=demo.users["mentor"],
        points=points(submitted_route),
        comment="Вернуть",
        decision="return",
    )
    assert review.status == Review.Status.AWAITING_APPROVAL
    submitted_route.refresh_from_db()
    assert submitted_route.state == RouteDesign.State.IN_REVIEW
    with pytest.raises(PermissionDenied):
        approve_review(review=review, lead=demo.users["mentor"])
    approve_review(review=review, lead=lead)
    submitted_route.refresh_from_db()
    assert submitted_route.state == RouteDesign.State.RETURNED
    review.refresh_from_db()
    assert review.approved_by == lead and review.published_at is not None
