"""A member's own project score, set apart from the team's by the mentor, is the score every
output uses: eligibility, the certificate's grade, the cohort report, the grade book, the API
and the learner's own page. Its history is kept."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import GradeAdjustment
from assessments.services import adjust_member_grade, member_score
from certificates.selectors import eligibility_of
from certificates.services import issue_certificate
from reports.models import ApiToken
from tests.builders.learning import complete_program
from tests.builders.routes import accept_route, build_submitted_route
from tests.helpers import login


@pytest.fixture
def sixty_under_seventy(demo):
    """Both Kuzbass learners finished; the team's route accepted at 75 of 100, the pass mark
    70; the mentor sets the member's own score to 60."""
    demo.program.certificate_min_score = Decimal("70")
    demo.program.save_revision().publish()
    design = accept_route(demo, build_submitted_route(demo))  # 3 of 4 on every criterion: 75
    captain, member = demo.users["kuzbass_captain"], demo.users["kuzbass_member"]
    complete_program(demo, captain)
    complete_program(demo, member)
    review = design.versions.get(number=1).reviews.get()
    assert review.score == Decimal("75.0")
    adjust_member_grade(
        review=review,
        member=member,
        score=Decimal("60"),
        reason="Не участвовал в выезде на площадки",
        by=demo.users["mentor"],
    )
    return review, captain, member


def test_a_member_marked_60_does_not_pass_a_70_point_threshold(demo, sixty_under_seventy):
    _review, captain, member = sixty_under_seventy
    mine = eligibility_of(member, demo.cohort)
    assert mine.score == Decimal("60.0") and mine.team_score == Decimal("75.0")
    assert mine.score_reason == "Не участвовал в выезде на площадки"
    assert mine.lacks == ["балл проекта 60 ниже порога 70"]
    theirs = eligibility_of(captain, demo.cohort)
    assert theirs.eligible and theirs.score == Decimal("75.0")


def test_the_certificate_carries_the_members_own_grade(demo, sixty_under_seventy):
    review, captain, member = sixty_under_seventy
    adjust_member_grade(
        review=review, member=member, score=Decimal("92"), reason="Вёл переговоры", by=review.mentor
    )
    admin = demo.users["admin"]
    assert issue_certificate(holder=member, cohort=demo.cohort, issued_by=admin).grade == 92
    assert issue_certificate(holder=captain, cohort=demo.cohort, issued_by=admin).grade == 75


def test_the_grade_book_and_the_report_show_the_members_score(client, demo, sixty_under_seventy):
    _review, captain, member = sixty_under_seventy
    login(client, demo.users["admin"])
    book = client.get(reverse("cohort_gradebook", args=[demo.cohort.id, "csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(book.streaming_content).decode()), delimiter=";"))
    header = [name.lstrip("\ufeff") for name in rows[0]]
    by_email = {
        row[header.index("E-mail")]: dict(zip(header, row, strict=True)) for row in rows[1:]
    }
    mine = by_email[member.email]
    assert mine["Балл проекта"] == "60.0" and mine["Балл команды"] == "75.0"
    assert mine["Основание личного балла"] == "Не участвовал в выезде на площадки"
    assert mine["Допуск к удостоверению"] == "нет"
    assert by_email[captain.email]["Балл проекта"] == "75.0"
    assert by_email[captain.email]["Допуск к удостоверению"] == "да"
    report = client.get(reverse("cohort_report", args=[demo.cohort.id])).context["report"]
    lines = {line.user.email: line for line in report.learners}
    assert lines[member.email].score == Decimal("60.0") and not lines[member.email].eligible
    kuzbass = next(t for t in report.teams if t.team.name == "Команда Кузбасса")
    assert kuzbass.score == Decimal("75.0") and kuzbass.eligible == 1


def test_the_api_gives_each_members_own_score(client, demo, sixty_under_seventy):
    _review, captain, member = sixty_under_seventy
    _, token = ApiToken.issue(demo.users["admin"], "Панель региона")
    answer = client.get(
        f"/api/cohorts/{demo.cohort.id}/teams/", headers={"Authorization": f"Bearer {token}"}
    ).json()
    kuzbass = next(t for t in answer["items"] if t["name"] == "Команда Кузбасса")
    assert Decimal(kuzbass["route_score"]) == 75 and kuzbass["eligible_learners"] == 1
    members = {m["user_id"]: m for m in kuzbass["members"]}
    assert Decimal(members[member.pk]["project_score"]) == 60
    assert members[member.pk]["eligible"] is False
    assert Decimal(members[captain.pk]["project_score"]) == 75 and members[captain.pk]["eligible"]


def test_the_learner_sees_their_score_and_its_reason_on_their_page(
    client, demo, sixty_under_seventy
):
    _review, captain, member = sixty_under_seventy
    login(client, member)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Ваш балл за проект: 60 из 100" in page
    assert "Не участвовал в выезде на площадки" in page
    login(client, captain)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Ваш балл за проект: 75 из 100" in page and "выезде" not in page


def test_a_changed_score_keeps_the_earlier_one_as_history(demo, sixty_under_seventy):
    review, _captain, member = sixty_under_seventy
    adjust_member_grade(
        review=review, member=member, score=Decimal("72"), reason="Досдал смету", by=review.mentor
    )
    history = list(GradeAdjustment.objects.filter(review=review, member=member))
    assert [(h.score, h.reason) for h in history] == [
        (Decimal("60.0"), "Не участвовал в выезде на площадки"),
        (Decimal("72.0"), "Досдал смету"),
    ]
    assert member_score(review, member) == Decimal("72.0")
    assert eligibility_of(member, demo.cohort).eligible


def test_the_review_page_shows_the_score_in_force_and_its_history(
    client, demo, sixty_under_seventy
):
    review, _captain, member = sixty_under_seventy
    adjust_member_grade(
        review=review, member=member, score=Decimal("72"), reason="Досдал смету", by=review.mentor
    )
    login(client, demo.users["mentor"])
    design = review.version.design
    rows = client.get(reverse("assessments:review", args=[design.id])).context["adjustments"]
    assert [(row.reason, current) for row, current in rows] == [
        ("Досдал смету", True),
        ("Не участвовал в выезде на площадки", False),
    ]
