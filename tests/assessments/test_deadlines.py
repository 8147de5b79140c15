"""Deadlines: late submissions are marked, an extension lifts it, captains are reminded."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assessments.services import (
    extend_deadline,
    review_route,
    start_route,
    submit_route,
)
from assessments.tasks import remind_deadlines
from tests.builders.routes import build_submitted_route, first_version, points


def test_late_submissions_are_marked_and_an_extension_lifts_it(demo, kuzbass_team):
    demo.assignment.deadline = timezone.now() - dt.timedelta(days=1)
    demo.assignment.save()
    late = build_submitted_route(demo)
    assert first_version(late).is_late
    with pytest.raises(PermissionDenied):
        extend_deadline(
            team=late.team,
            assignment=late.assignment,
            until=timezone.now() + dt.timedelta(days=3),
            by=demo.users["mentor"],
        )
    with pytest.raises(ValidationError):
        extend_deadline(
            team=late.team,
            assignment=late.assignment,
            until=demo.assignment.deadline,
            by=demo.users["admin"],
        )
    review_route(
        version=first_version(late),
        mentor=demo.users["mentor"],
        points=points(late),
        comment="Доработайте",
        decision="return",
    )
    extend_deadline(
        team=late.team,
        assignment=late.assignment,
        until=timezone.now() + dt.timedelta(days=3),
        by=demo.users["admin"],
    )
    submit_route(design=late, user=demo.users["kuzbass_captain"])
    assert not late.versions.get(number=2).is_late


def test_every_member_is_reminded_once_a_day_before_the_deadline(
    demo, kuzbass_team, django_capture_on_commit_callbacks
):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    demo.assignment.deadline = timezone.now() + dt.timedelta(hours=20)
    demo.assignment.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_deadlines() == 1
        assert remind_deadlines() == 0
    assert sorted(m.to for m in mail.outbox) == [
        ["kuzbass.captain@demo.test"],
        ["kuzbass.member@demo.test"],
    ]
    with django_capture_on_commit_callbacks(execute=True):
        extend_deadline(
            team=design.team,
            assignment=design.assignment,
            until=timezone.now() + dt.timedelta(hours=22),
            by=demo.users["admin"],
        )
        assert remind_deadlines() == 1
