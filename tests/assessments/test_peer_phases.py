"""The peer stage's phase: by the dates, moved by hand, and dates moving it on only
forward after a move (assessments.phases); the assignment's options validated."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from assessments import phases
from assessments.models import PeerAllocation, PeerPhase
from assessments.selectors import peer_phase
from assessments.services import move_peer_phase, open_due_peer_reviews
from tests.builders.peer import extra_team, peer_assignment
from tests.builders.routes import build_submitted_route

UTC = dt.UTC
OPENS = dt.datetime(2026, 12, 21, 9, 0, tzinfo=UTC)
CLOSES = dt.datetime(2026, 12, 24, 9, 0, tzinfo=UTC)
HOUR = dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("now", "phase"),
    [
        (OPENS - HOUR, phases.SUBMISSION),
        (OPENS, phases.PEER_REVIEW),
        (CLOSES - HOUR, phases.PEER_REVIEW),
        (CLOSES, phases.MENTOR_GRADING),
    ],
)
def test_the_dates_set_the_phase(now, phase):
    assert phases.effective_phase(now, opens=OPENS, closes=CLOSES) == phase


def test_a_move_by_hand_holds_until_a_later_date_carries_it_forward():
    early = [(OPENS - 2 * HOUR, phases.PEER_REVIEW)]
    assert phases.effective_phase(OPENS - HOUR, opens=OPENS, closes=CLOSES, moves=early) == (
        phases.PEER_REVIEW
    )
    assert phases.effective_phase(CLOSES, opens=OPENS, closes=CLOSES, moves=early) == (
        phases.MENTOR_GRADING
    )
    back = [(OPENS + HOUR, phases.SUBMISSION)]  # reopened for submissions by hand
    assert phases.effective_phase(CLOSES - HOUR, opens=OPENS, closes=CLOSES, moves=back) == (
        phases.SUBMISSION
    )
    assert phases.effective_phase(CLOSES, opens=OPENS, closes=CLOSES, moves=back) == (
        phases.MENTOR_GRADING
    )


def test_a_date_never_moves_the_phase_back():
    ahead = [(OPENS - HOUR, phases.MENTOR_GRADING)]
    assert phases.effective_phase(OPENS + HOUR, opens=OPENS, closes=CLOSES, moves=ahead) == (
        phases.MENTOR_GRADING
    )
    closed = [(OPENS + HOUR, phases.CLOSED)]
    assert phases.effective_phase(CLOSES + HOUR, opens=OPENS, closes=CLOSES, moves=closed) == (
        phases.CLOSED
    )


def test_no_closing_date_keeps_the_review_open():
    assert phases.effective_phase(CLOSES + 100 * HOUR, opens=OPENS, closes=None) == (
        phases.PEER_REVIEW
    )


@pytest.mark.django_db
def test_the_hourly_task_allocates_once_the_review_opens_by_date(demo):
    peer_assignment(demo, peer_review_opens=OPENS, peer_review_closes=CLOSES)
    extra_team(demo)
    with time_machine.travel(OPENS - 48 * HOUR, tick=False):
        for team in demo.cohort.teams.all():
            build_submitted_route(demo, team=team)
    with time_machine.travel(OPENS - HOUR, tick=False):
        assert open_due_peer_reviews() == 0
        assert peer_phase(demo.assignment, demo.cohort) == PeerPhase.SUBMISSION
    with time_machine.travel(OPENS + HOUR, tick=False):
        assert open_due_peer_reviews() == 1
        assert open_due_peer_reviews() == 0
    assert PeerAllocation.objects.count() == 6


@pytest.mark.django_db
def test_the_lead_mentor_moves_the_phase_a_mentor_does_not(demo):
    from django.core.exceptions import PermissionDenied

    peer_assignment(demo)
    with pytest.raises(PermissionDenied):
        move_peer_phase(
            assignment=demo.assignment,
            cohort=demo.cohort,
            phase=PeerPhase.CLOSED,
            by=demo.users["mentor"],
        )
    demo.cohort.lead_mentor = demo.users["mentor"]
    demo.cohort.save()
    change = move_peer_phase(
        assignment=demo.assignment, cohort=demo.cohort, phase="closed", by=demo.users["mentor"]
    )
    assert (change.by, change.phase) == (demo.users["mentor"], "closed")
    assert peer_phase(demo.assignment, demo.cohort) == PeerPhase.CLOSED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"peer_score_weight": 70, "grading_grade_weight": 40}, "grading_grade_weight"),
        ({"peer_score_weight": 120}, "peer_score_weight"),
        ({"peer_reviews_per_route": 0}, "peer_reviews_per_route"),
        ({"peer_review_opens": CLOSES, "peer_review_closes": OPENS}, "peer_review_closes"),
        ({"peer_review": False, "peer_score_weight": 10}, "peer_review"),
    ],
)
def test_the_assignments_peer_options_are_validated(demo, fields, field):
    assignment = demo.assignment
    assignment.peer_review = True
    for name, value in fields.items():
        setattr(assignment, name, value)
    with pytest.raises(ValidationError) as error:
        assignment.full_clean()
    assert field in error.value.message_dict


@pytest.mark.django_db
def test_sensible_peer_options_pass(demo):
    peer_assignment(demo, peer_score_weight=20, grading_grade_weight=10, peer_anonymous=False)
    demo.assignment.refresh_from_db()
    assert (demo.assignment.peer_reviews_per_route, demo.assignment.peer_score_weight) == (2, 20)
