"""demo/tour.py: the main pages per role, found in the database by state (what
`make screenshots` photographs and tests/e2e/test_every_page.py checks)."""

from demo.tour import tour
from lms.models import Cohort, Membership, Region
from lms.services import member_add, team_create, user_create
from tests.builders.routes import build_draft_route, build_submitted_route, kuzbass_team_of


def _paths(role) -> dict[str, str]:
    return dict(role.pages)


def test_without_routes_or_certificates_the_pages_that_need_one_are_named_missing(demo):
    the_tour = tour()
    assert [role.label for role in the_tour.roles] == ["public", "learner", "mentor", "admin"]
    assert [role.email for role in the_tour.roles][0] is None
    learner = _paths(the_tour.roles[1])
    assert learner["lesson-quiz"] != learner["lesson"]
    assert "studio" not in learner and "review" not in _paths(the_tour.roles[2])
    assert any(note.startswith("certificate:") for note in the_tour.missing)
    assert any(note.startswith("studio:") for note in the_tour.missing)


def test_the_learner_is_the_captain_whose_route_is_a_draft_and_the_mentor_sees_the_waiting_one(
    demo,
):
    waiting = build_submitted_route(demo)  # Kuzbass
    omsk = kuzbass_team_of(demo).cohort.teams.get(name="Команда Омской области")
    draft = build_draft_route(demo, team=omsk)
    learner, mentor = tour().roles[1:3]
    assert learner.email == demo.users["omsk_captain"].email
    assert _paths(learner)["studio"] == f"/routes/{draft.id}/"
    assert _paths(mentor)["review"] == f"/routes/{waiting.id}/review/"


def test_the_cohort_is_the_one_with_the_most_teams_whatever_its_name(demo):
    region = Region.objects.first()
    busy = Cohort.objects.create(
        title="Любое название",
        program=demo.program,
        starts_on=demo.cohort.starts_on,
        ends_on=demo.cohort.ends_on,
    )
    for n in range(3):
        team = team_create(cohort=busy, region=region, name=f"Команда {n}")
        member_add(
            team=team,
            user=user_create(email=f"t{n}@demo.test", password=None, last_name="Т", first_name="Т"),
            role=Membership.Role.CAPTAIN,
        )
    admin = _paths(tour().roles[3])
    assert admin["cohort-report"] == f"/cohorts/{busy.id}/report/"
