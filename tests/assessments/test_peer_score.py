"""The peer parts of the project score: nothing before the mentor publishes; after, the
weighted blend reaches eligibility, the certificate, the grade book, the API and the
learner's page (all from assessments.selectors.project_scores)."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.selectors import member_project_score
from certificates.selectors import eligibility_of
from certificates.services import issue_certificate
from reports.models import ApiToken
from tests.builders.learning import complete_program
from tests.builders.peer import allocation_of, peer_cohort, send_peer_review
from tests.builders.routes import accept_route
from tests.helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def weighed(demo):
    """Three teams, two reviews a route; the peer reviews carry 20 %, the grading grade 10 %.
    Kuzbass's route: Omsk gives 3 of 4 everywhere (75), Tyumen 2 (50): 62.5. Kuzbass reviews
    Omsk with 3 and the mentor then accepts Omsk at 3 too: Kuzbass's grading grade is 100
    (its review of Tyumen, not yet graded by the mentor, does not count)."""
    routes = peer_cohort(demo, teams=3, peer_score_weight=20, grading_grade_weight=10)
    kuzbass, omsk, tyumen = (
        routes["Команда Кузбасса"],
        routes["Команда Омской области"],
        routes["Команда Тюмени"],
    )
    send_peer_review(allocation_of(omsk.team, kuzbass), points=3)
    send_peer_review(allocation_of(tyumen.team, kuzbass), points=2)
    send_peer_review(allocation_of(kuzbass.team, omsk), points=3)
    for learner in ("kuzbass_captain", "kuzbass_member"):
        complete_program(demo, demo.users[learner])
    return kuzbass, omsk


def test_peer_reviews_change_nothing_before_the_mentor_publishes(demo, weighed):
    kuzbass, _omsk = weighed
    assert member_project_score(kuzbass, demo.users["kuzbass_captain"]) is None
    assert eligibility_of(demo.users["kuzbass_captain"], demo.cohort).score is None


def test_after_publishing_the_score_blends_the_peer_parts(demo, weighed):
    kuzbass, omsk = weighed
    accept_route(demo, omsk, points=3)
    accept_route(demo, kuzbass, points=4)
    mine = member_project_score(kuzbass, demo.users["kuzbass_captain"])
    # 100 × 70 % + 62.5 × 20 % + 100 × 10 %
    assert mine["score"] == Decimal("92.5")
    assert (mine["mentor_score"], mine["peer_score"], mine["grading_grade"]) == (
        Decimal("100.0"),
        Decimal("62.5"),
        Decimal("100.0"),
    )
    row = eligibility_of(demo.users["kuzbass_captain"], demo.cohort)
    assert row.score == Decimal("92.5")
    certificate = issue_certificate(
        holder=demo.users["kuzbass_captain"], cohort=demo.cohort, issued_by=demo.users["admin"]
    )
    assert certificate.grade == Decimal("92.5")


def test_without_weights_the_mentors_score_stands(demo):
    routes = peer_cohort(demo, teams=3)
    kuzbass = routes["Команда Кузбасса"]
    send_peer_review(allocation_of(routes["Команда Тюмени"].team, kuzbass), points=0)
    accept_route(demo, kuzbass, points=4)
    assert member_project_score(kuzbass, demo.users["kuzbass_captain"])["score"] == 100


def test_the_grade_book_the_api_and_the_learners_page_carry_the_blend(client, demo, weighed):
    kuzbass, omsk = weighed
    accept_route(demo, omsk, points=3)
    accept_route(demo, kuzbass, points=4)
    captain = demo.users["kuzbass_captain"]
    login(client, demo.users["admin"])
    book = client.get(reverse("cohort_gradebook", args=[demo.cohort.id, "csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(book.streaming_content).decode()), delimiter=";"))
    header = [name.lstrip("\ufeff") for name in rows[0]]
    mine = next(dict(zip(header, r, strict=True)) for r in rows[1:] if captain.email in r)
    assert mine["Балл проекта"] == "92.5"
    _, token = ApiToken.issue(demo.users["admin"], "Панель региона")
    answer = client.get(
        f"/api/cohorts/{demo.cohort.id}/teams/", headers={"Authorization": f"Bearer {token}"}
    ).json()
    team = next(t for t in answer["items"] if t["name"] == "Команда Кузбасса")
    assert Decimal(team["route_score"]) == Decimal("92.5")
    login(client, captain)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Ваш балл за проект: 92,5 из 100" in page
    assert "рецензии других команд: 62,5" in page
