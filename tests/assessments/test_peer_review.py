"""The peer stage end to end through the services: allocation, drafts, the captain's review,
reallocation when a team drops out."""

from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments.models import PeerAllocation, PeerDropOut, PeerReview, PeerReviewDraft
from assessments.services import (
    drop_out_of_peer_review,
    open_peer_review,
    reallocate_peer_reviews,
    save_peer_review_draft,
)
from lms.models import Membership
from tests.builders.peer import allocation_of, peer_cohort, send_peer_review

pytestmark = pytest.mark.django_db


def test_entering_peer_review_gives_each_route_to_other_teams(demo):
    routes = peer_cohort(demo, teams=3)
    rows = list(PeerAllocation.objects.select_related("design"))
    assert len(rows) == 6
    assert all(row.reviewer_id != row.design.team_id for row in rows)
    assert Counter(row.design_id for row in rows) == {d.pk: 2 for d in routes.values()}
    assert Counter(row.reviewer_id for row in rows) == {d.team_id: 2 for d in routes.values()}
    assert all(
        row.version_id == row.design.versions.get(submitted_at__isnull=False).pk for row in rows
    )
    # Allocating again (the pages and the hourly task do) adds nothing.
    assert open_peer_review(assignment=demo.assignment, cohort=demo.cohort) == []
    assert PeerAllocation.objects.count() == 6


def test_each_save_of_a_draft_is_a_new_row_by_whoever_saved_it(demo):
    routes = peer_cohort(demo, teams=3)
    kuzbass, omsk = routes["Команда Кузбасса"], routes["Команда Омской области"]
    allocation = allocation_of(omsk.team, kuzbass)
    criterion = demo.assignment.rubric.criteria.first()
    for user, points in ((demo.users["omsk_member"], 1), (demo.users["omsk_captain"], 2)):
        save_peer_review_draft(
            allocation=allocation,
            author=user,
            points={criterion.pk: points},
            notes={criterion.pk: "мало остановок"},
            comment="",
        )
    drafts = list(PeerReviewDraft.objects.filter(allocation=allocation))
    assert [(d.author, d.points) for d in drafts] == [
        (demo.users["omsk_member"], {str(criterion.pk): 1}),
        (demo.users["omsk_captain"], {str(criterion.pk): 2}),
    ]


def test_only_the_captain_sends_and_a_sent_review_is_final(demo):
    routes = peer_cohort(demo, teams=3)
    allocation = allocation_of(routes["Команда Омской области"].team, routes["Команда Кузбасса"])
    criteria = list(demo.assignment.rubric.criteria.all())
    from assessments.services import submit_peer_review

    with pytest.raises(PermissionDenied):
        submit_peer_review(
            allocation=allocation,
            captain=demo.users["omsk_member"],
            points={c.pk: 2 for c in criteria},
            notes={},
            comment="Хорошо.",
        )
    with pytest.raises(ValidationError):  # not every criterion scored
        submit_peer_review(
            allocation=allocation,
            captain=demo.users["omsk_captain"],
            points={criteria[0].pk: 2},
            notes={},
            comment="Хорошо.",
        )
    review = send_peer_review(allocation, points=2)
    assert review.submitted_by == demo.users["omsk_captain"]
    assert [s["points"] for s in review.scores] == [2] * len(criteria)
    with pytest.raises(ValidationError):
        send_peer_review(allocation, points=4)
    with pytest.raises(ValidationError):
        save_peer_review_draft(
            allocation=allocation, author=demo.users["omsk_member"], points={}, notes={}, comment=""
        )
    assert PeerReview.objects.get().score == review.score


def test_a_team_outside_the_allocation_cannot_write_its_review(demo):
    routes = peer_cohort(demo, teams=3)
    allocation = allocation_of(routes["Команда Омской области"].team, routes["Команда Кузбасса"])
    with pytest.raises(PermissionDenied):
        save_peer_review_draft(
            allocation=allocation,
            author=demo.users["kuzbass_captain"],
            points={},
            notes={},
            comment="",
        )


def test_a_team_dropping_out_hands_its_reviews_on_and_keeps_the_old_rows(demo):
    routes = peer_cohort(demo, teams=4, peer_reviews_per_route=2)
    leaving = routes["Команда Тюмени"].team
    kept = send_peer_review(
        PeerAllocation.objects.filter(reviewer=routes["Команда Кузбасса"].team)
        .exclude(design__team=leaving)
        .first()
    )
    drop_out_of_peer_review(
        assignment=demo.assignment,
        cohort=demo.cohort,
        team=leaving,
        by=demo.users["admin"],
        reason="Команда распалась",
    )
    in_force = PeerAllocation.objects.filter(superseded_at=None).select_related("design")
    assert all(leaving.pk not in (a.reviewer_id, a.design.team_id) for a in in_force)
    assert Counter(a.design_id for a in in_force) == {
        d.pk: 2 for name, d in routes.items() if name != "Команда Тюмени"
    }
    superseded = PeerAllocation.objects.exclude(superseded_at=None)
    assert superseded.exists()
    assert all("Команда распалась" in a.superseded_reason for a in superseded)
    assert all(a.superseded_by == demo.users["admin"] for a in superseded)
    assert kept.allocation in in_force
    assert PeerDropOut.objects.get().team == leaving
    with pytest.raises(ValidationError):
        drop_out_of_peer_review(
            assignment=demo.assignment,
            cohort=demo.cohort,
            team=leaving,
            by=demo.users["admin"],
            reason="ещё раз",
        )


def test_a_team_emptied_of_members_is_left_out_of_a_reallocation(demo):
    routes = peer_cohort(demo, teams=3, peer_reviews_per_route=1)
    leaving = routes["Команда Тюмени"].team
    Membership.objects.filter(team=leaving).delete()
    reallocate_peer_reviews(
        assignment=demo.assignment, cohort=demo.cohort, by=demo.users["admin"], reason="пусто"
    )
    in_force = PeerAllocation.objects.filter(superseded_at=None)
    assert not in_force.filter(reviewer=leaving).exists()
    assert in_force.count() == 2


def test_only_the_admin_or_the_lead_mentor_reallocates(demo):
    peer_cohort(demo, teams=3)
    with pytest.raises(PermissionDenied):
        reallocate_peer_reviews(
            assignment=demo.assignment, cohort=demo.cohort, by=demo.users["mentor"], reason="x"
        )
    demo.cohort.lead_mentor = demo.users["mentor"]
    demo.cohort.save()
    reallocate_peer_reviews(
        assignment=demo.assignment, cohort=demo.cohort, by=demo.users["mentor"], reason="x"
    )
