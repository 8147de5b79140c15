"""A team's route through its services: start, save (with conflicts), submit and freeze, and the
checker against other teams' drafts."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments.models import RouteDesign, RouteTransition
from assessments.route_findings import findings_for_version
from assessments.services import (
    RouteConflict,
    StopData,
    draft_of,
    save_route_draft,
    start_route,
    submit_route,
)
from lms.models import Team


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


def test_a_dated_draft_is_checked_against_other_teams_requests_and_an_undated_one_is_not(
    demo, kuzbass_team
):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    omsk = Team.objects.get(cohort=demo.cohort, name="Команда Омской области")
    museum = demo.enterprises["Омский каучук"].pk
    when = dt.date(2027, 6, 15)

    def draft(team, captain, start_date):
        design = start_route(team=team, assignment=demo.assignment)
        save_route_draft(
            design=design,
            user=demo.users[captain],
            title="Каучук",
            stops=[
                StopData(museum, dt.time(11, 0), 90, 0),
                StopData(museum, dt.time(12, 30), 30, 0),
            ],
            lock_version=draft_of(design).lock_version,
            start_date=start_date,
        )
        return draft_of(design)

    draft(omsk, "omsk_captain", when)
    ours = draft(kuzbass_team, "kuzbass_captain", when)
    assert "clash" not in [f["code"] for f in findings_for_version(ours)]  # a draft holds none
    omsk_design = RouteDesign.objects.get(team=omsk)
    submit_route(design=omsk_design, user=demo.users["omsk_captain"])
    assert "clash" in [f["code"] for f in findings_for_version(ours)]

    undated = draft(kuzbass_team, "kuzbass_captain", None)
    with CaptureQueriesContext(connection) as captured:
        found = findings_for_version(undated)
    assert "clash" not in [f["code"] for f in found]
    # Bookings are not even read.
    assert not any("sitebooking" in q["sql"] for q in captured)


def test_a_stop_keeps_its_identity_through_saves_and_into_the_next_version(submitted_route):
    frozen, draft = list(submitted_route.versions.order_by("number"))
    frozen_keys = [s.key for s in frozen.stops.all()]
    assert len(set(frozen_keys)) == 3
    assert [s.key for s in draft.stops.all()] == frozen_keys
    # Saving the draft again with the stops read back (as the studio does) keeps their keys;
    # a stop entered anew gets a key of its own.
    captain = submitted_route.team.memberships.get(role="captain").user
    stops = [StopData.of(s) for s in draft.stops.all()]
    added = StopData(
        None, stops[-1].arrival_time, 30, 0, place_name="Сквер", latitude=1, longitude=1
    )
    save_route_draft(
        design=submitted_route,
        user=captain,
        title=draft.title,
        narrative="",
        stops=[stops[0], added, *stops[1:]],
        lock_version=draft.lock_version,
    )
    keys = [s.key for s in draft.stops.all()]
    assert [keys[0], *keys[2:]] == frozen_keys
    assert keys[1] not in frozen_keys
