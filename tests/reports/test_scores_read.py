"""A score reads the same way on every page that shows one, in the reader's language:
«87,5 из 100» with a decimal comma in Russian, «87.5 out of 100» with a point in English,
a whole score without «,0». Exports keep machine numbers (tests/reports/test_gradebook*)."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.services import adjust_member_grade
from tests.builders.routes import accept_route, build_submitted_route
from tests.helpers import login


@pytest.fixture
def fractional(demo):
    """The Kuzbass route accepted at 75 of 100; the mentor sets the member's own score to 87.5."""
    design = accept_route(demo, build_submitted_route(demo))
    review = design.versions.get(number=1).reviews.get()
    member = demo.users["kuzbass_member"]
    adjust_member_grade(
        review=review,
        member=member,
        score=Decimal("87.5"),
        reason="Вёл переговоры",
        by=review.mentor,
    )
    return design, member


def speak(client, language):
    client.get(reverse("switch_language", args=[language]), {"next": "/"})


def text(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.parametrize(
    "language, own, team",
    [("ru", "87,5 из 100", "75 из 100"), ("en", "87.5 out of 100", "75 out of 100")],
)
def test_the_dashboard_reads_the_learners_score_in_their_language(
    client, demo, fractional, language, own, team
):
    _design, member = fractional
    login(client, member)
    speak(client, language)
    page = text(client.get(reverse("dashboard")))
    score = re.search(r'id="my-project-score">(.*?)</p>', page)[1]
    assert own in score and f"({team})" in score
    assert "87.50" not in page and "75.0 " not in page and "75,0" not in page


@pytest.mark.parametrize(
    "language, own, figure, team",
    [
        ("ru", "87,5 из 100", "87,5", "75 из 100"),
        ("en", "87.5 out of 100", "87.5", "75 out of 100"),
    ],
)
def test_the_review_page_and_the_report_read_scores_in_the_readers_language(
    client, demo, fractional, language, own, figure, team
):
    design, member = fractional
    login(client, demo.users["mentor"])
    speak(client, language)
    review = text(client.get(reverse("assessments:review", args=[design.id])))
    assert f"{member.full_name}: {own} " in review  # the member's own score
    assert f"<strong>{team}</strong>" in review  # the team's, in the published review
    report = text(client.get(reverse("cohort_report", args=[demo.cohort.id])))
    row = report[report.index(f'data-learner="{member.email}"') :].split("</tr>")[0]
    assert f"<td>{figure}<br>" in row and "87.50" not in row


def test_the_grade_book_export_keeps_machine_numbers(client, demo, fractional):
    _design, member = fractional
    login(client, demo.users["admin"])
    response = client.get(reverse("cohort_gradebook", args=[demo.cohort.id, "csv"]))
    exported = b"".join(response.streaming_content).decode("utf-8-sig")
    row = next(line for line in exported.splitlines() if member.email in line)
    assert "87.5" in row and "87,5" not in row
