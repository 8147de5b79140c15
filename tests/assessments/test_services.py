import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments.models import Review, RouteDesign, RouteTransition
from assessments.services import (
    RouteConflict,
    draft_of,
    review_route,
    save_route_draft,
    start_route,
    submit_route,
)
from lms.services import user_create


def all_points(design, value):
    return {c.pk: value for c in design.assignment.rubric.criteria.all()}


def test_starting_a_route_twice_returns_the_same_route(demo, kuzbass_team):
    first = start_route(team=kuzbass_team, assignment=demo.assignment)
    second = start_route(team=kuzbass_team, assignment=demo.assignment)
    assert first.pk == second.pk
    assert first.versions.count() == 1


def test_saving_with_a_stale_lock_version_is_a_conflict(demo, kuzbass_team, three_stops):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    captain, member = demo.users["kuzbass_captain"], demo.users["kuzbass_member"]
    save_route_draft(
        design=design, user=captain, title="А", narrative="", stops=three_stops, lock_version=0
    )
    with pytest.raises(RouteConflict) as conflict:
        save_route_draft(
            design=design, user=member, title="Б", narrative="", stops=[], lock_version=0
        )
    assert conflict.value.current.title == "А"
    assert draft_of(design).stops.count() == 3


def test_other_teams_cannot_edit_the_route(demo, kuzbass_team, three_stops):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    with pytest.raises(PermissionDenied):
        save_route_draft(
            design=design,
            user=demo.users["omsk_captain"],
            title="Чужой",
            narrative="",
            stops=three_stops,
            lock_version=0,
        )


def test_submit_freezes_the_version_and_starts_a_new_draft_from_a_copy(submitted_route):
    frozen, draft = list(submitted_route.versions.order_by("number"))
    assert submitted_route.state == RouteDesign.State.SUBMITTED
    assert frozen.is_frozen and not draft.is_frozen
    assert draft.number == frozen.number + 1
    assert draft.title == frozen.title
    assert [s.enterprise_id for s in draft.stops.all()] == [
        s.enterprise_id for s in frozen.stops.all()
    ]
    transition = RouteTransition.objects.get(design=submitted_route)
    assert (transition.from_state, transition.to_state) == ("draft", "submitted")
    assert transition.version_id == frozen.pk


def test_editing_after_submit_never_touches_the_frozen_version(demo, submitted_route):
    frozen = submitted_route.versions.get(number=1)
    draft = draft_of(submitted_route)
    save_route_draft(
        design=submitted_route,
        user=demo.users["kuzbass_member"],
        title="Изменённый черновик",
        narrative="",
        stops=[],
        lock_version=draft.lock_version,
    )
    frozen.refresh_from_db()
    assert frozen.title == "Уголь, азот и рельсы"
    assert frozen.stops.count() == 3


def test_only_the_captain_submits(demo, kuzbass_team, three_stops):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    member = demo.users["kuzbass_member"]
    save_route_draft(
        design=design, user=member, title="Маршрут", narrative="", stops=three_stops, lock_version=0
    )
    with pytest.raises(PermissionDenied):
        submit_route(design=design, user=member)


def test_a_route_needs_a_title_and_two_stops_to_be_submitted(demo, kuzbass_team, three_stops):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    captain = demo.users["kuzbass_captain"]
    with pytest.raises(ValidationError):
        submit_route(design=design, user=captain)
    save_route_draft(
        design=design,
        user=captain,
        title="Маршрут",
        narrative="",
        stops=three_stops[:1],
        lock_version=0,
    )
    with pytest.raises(ValidationError):
        submit_route(design=design, user=captain)


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


def test_a_dated_draft_is_checked_against_other_teams_drafts_and_an_undated_one_is_not(
    demo, kuzbass_team
):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from assessments.checks import findings_for_version
    from assessments.services import StopData, draft_of, save_route_draft, start_route
    from lms.models import Team

    omsk = Team.objects.get(cohort=demo.cohort, name="Команда Омской области")
    museum = demo.enterprises["Омский каучук"].pk
    when = dt.date(2027, 6, 15)

    def draft(team, captain, start_date):
        design = start_route(team=team, assignment=demo.assignment)
        save_route_draft(
            design=design,
            user=demo.users[captain],
            stops=[StopData(museum, dt.time(11, 0), 90, 0)],
            lock_version=draft_of(design).lock_version,
            start_date=start_date,
        )
        return draft_of(design)

    draft(omsk, "omsk_captain", when)
    ours = draft(kuzbass_team, "kuzbass_captain", when)
    assert "clash" in [f["code"] for f in findings_for_version(ours)]

    undated = draft(kuzbass_team, "kuzbass_captain", None)
    with CaptureQueriesContext(connection) as captured:
        found = findings_for_version(undated)
    assert "clash" not in [f["code"] for f in found]
    # Other teams' dated drafts are not even read.
    assert not any('"start_date" IS NOT NULL' in q["sql"] for q in captured)
