"""How late work is marked and what it costs: the facts are frozen on the version when it is
submitted, and a penalty reaches the project score everywhere it is used (eligibility, the
certificate's grade, the cohort report, the grade book, the API and the learner's page)."""

import csv
import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from assessments.models import LatePolicy
from assessments.services import adjust_member_grade, submit_route
from certificates.selectors import eligibility_of
from certificates.services import issue_certificate
from reports.models import ApiToken
from tests.builders.learning import complete_program
from tests.builders.routes import accept_route, build_draft_route, captain_of, first_version
from tests.helpers import login

KUZBASS = ZoneInfo("Asia/Novokuznetsk")
DEADLINE = dt.datetime(2026, 12, 20, 18, 0, tzinfo=KUZBASS)


def late_route(demo, *, after: dt.timedelta, policy=LatePolicy.PENALISE, per_day=10, cap=30):
    assignment = demo.assignment
    assignment.time_zone = "Asia/Novokuznetsk"
    assignment.deadline = DEADLINE
    assignment.late_policy = policy
    assignment.late_penalty_per_day = per_day
    assignment.late_penalty_max = cap
    assignment.save()
    design = build_draft_route(demo)
    with time_machine.travel(DEADLINE + after, tick=False):
        submit_route(design=design, user=captain_of(design))
    design.refresh_from_db()
    return design


@pytest.mark.parametrize(
    ("policy", "after", "marked", "penalty"),
    [
        (LatePolicy.ACCEPT, dt.timedelta(hours=5), False, 0),
        (LatePolicy.MARK, dt.timedelta(hours=5), True, 0),
        (LatePolicy.PENALISE, dt.timedelta(hours=5), True, 10),  # one started day
        (LatePolicy.PENALISE, dt.timedelta(days=1, minutes=1), True, 20),  # two
        (LatePolicy.PENALISE, dt.timedelta(days=6), True, 30),  # at most 30 %
        (LatePolicy.PENALISE, -dt.timedelta(minutes=1), False, 0),  # on time
    ],
)
def test_a_late_version_is_marked_by_the_assignments_policy(demo, policy, after, marked, penalty):
    version = first_version(late_route(demo, after=after, policy=policy))
    assert version.is_late is marked
    assert version.late_penalty == penalty
    assert version.late_by == (after if after > dt.timedelta(0) else None)


def test_the_facts_stay_as_they_were_when_the_deadline_changes_later(demo):
    design = late_route(demo, after=dt.timedelta(hours=5))
    demo.assignment.deadline = DEADLINE + dt.timedelta(days=3)
    demo.assignment.late_penalty_per_day = 50
    demo.assignment.save()
    version = first_version(design)
    version.refresh_from_db()
    assert (version.is_late, version.late_by, version.late_penalty) == (
        True,
        dt.timedelta(hours=5),
        10,
    )


@pytest.fixture
def seventy_five_late(demo):
    """Both Kuzbass learners finished; the route came 5 hours late (−10 %) and was accepted
    at 75 of 100: 67.5 counts, under a pass mark of 70."""
    demo.program.certificate_min_score = Decimal("70")
    demo.program.save_revision().publish()
    design = accept_route(demo, late_route(demo, after=dt.timedelta(hours=5)))
    captain, member = demo.users["kuzbass_captain"], demo.users["kuzbass_member"]
    complete_program(demo, captain)
    complete_program(demo, member)
    review = first_version(design).reviews.get()
    assert review.score == Decimal("75.0")
    return review, captain, member


def test_a_late_75_fails_a_70_point_threshold(demo, seventy_five_late):
    _review, captain, _member = seventy_five_late
    row = eligibility_of(captain, demo.cohort)
    assert (row.score, row.team_score, row.score_before_penalty) == (
        Decimal("67.5"),
        Decimal("67.5"),
        Decimal("75.0"),
    )
    assert row.late_penalty == 10
    assert row.lacks == ["балл проекта 67,5 ниже порога 70"]


def test_the_penalty_applies_to_a_members_own_score_too(demo, seventy_five_late):
    review, captain, member = seventy_five_late
    adjust_member_grade(
        review=review, member=member, score=Decimal("80"), reason="Вёл смету", by=review.mentor
    )
    mine = eligibility_of(member, demo.cohort)
    assert (mine.score, mine.score_before_penalty, mine.score_reason) == (
        Decimal("72.0"),
        Decimal("80.0"),
        "Вёл смету",
    )
    assert mine.eligible
    admin = demo.users["admin"]
    assert issue_certificate(holder=member, cohort=demo.cohort, issued_by=admin).grade == 72


def test_the_grade_book_and_the_report_carry_the_penalty(client, demo, seventy_five_late):
    _review, captain, _member = seventy_five_late
    login(client, demo.users["admin"])
    book = client.get(reverse("cohort_gradebook", args=[demo.cohort.id, "csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(book.streaming_content).decode()), delimiter=";"))
    header = [name.lstrip("\ufeff") for name in rows[0]]
    by_email = {
        row[header.index("E-mail")]: dict(zip(header, row, strict=True)) for row in rows[1:]
    }
    mine = by_email[captain.email]
    assert mine["Балл проекта"] == "67.5" and mine["Балл команды"] == "67.5"
    assert mine["Балл до снижения за опоздание"] == "75.0"
    assert mine["Снижение за опоздание, %"] == "10"
    assert mine["Допуск к удостоверению"] == "нет"
    response = client.get(reverse("cohort_report", args=[demo.cohort.id]))
    lines = {line.user.email: line for line in response.context["report"].learners}
    assert lines[captain.email].score == Decimal("67.5") and not lines[captain.email].eligible
    page = response.content.decode()
    assert "до снижения за опоздание 75 (−10\u00a0%)" in page
    assert "после срока на 5 ч · балл −10\u00a0%" in page


def test_the_api_gives_the_penalised_scores(client, demo, seventy_five_late):
    _review, captain, _member = seventy_five_late
    _, token = ApiToken.issue(demo.users["admin"], "Панель региона")
    answer = client.get(
        f"/api/cohorts/{demo.cohort.id}/teams/", headers={"Authorization": f"Bearer {token}"}
    ).json()
    kuzbass = next(t for t in answer["items"] if t["name"] == "Команда Кузбасса")
    assert Decimal(kuzbass["route_score"]) == Decimal("67.5")
    assert kuzbass["eligible_learners"] == 0
    members = {m["user_id"]: m for m in kuzbass["members"]}
    assert Decimal(members[captain.pk]["project_score"]) == Decimal("67.5")
    assert Decimal(members[captain.pk]["score_before_penalty"]) == Decimal("75.0")
    assert members[captain.pk]["late_penalty"] == 10
    assert members[captain.pk]["eligible"] is False


def test_the_learner_sees_the_score_before_and_after_the_penalty(client, demo, seventy_five_late):
    _review, captain, _member = seventy_five_late
    login(client, captain)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Ваш балл за проект: 67,5 из 100" in page
    assert "до снижения за опоздание 75, −10\u00a0%: версия сдана после срока" in page
    studio = client.get(reverse("assessments:studio", args=[_review.version.design_id]))
    text = studio.content.decode()
    assert "после срока на 5 ч · балл −10\u00a0%" in text
    assert "→ 67,5 после снижения за опоздание (−10\u00a0%)" in text


def test_the_mentor_sees_the_late_mark_in_the_queue_and_on_the_review(client, demo):
    design = late_route(demo, after=dt.timedelta(days=1, hours=3))
    login(client, demo.users["mentor"])
    queue = client.get(reverse("assessments:review_queue")).content.decode()
    assert "после срока на 1 сутки 3 ч · балл −20\u00a0%" in queue
    page = client.get(reverse("assessments:review", args=[design.id])).content.decode()
    assert "после срока на 1 сутки 3 ч · балл −20\u00a0%" in page
    assert "будет снижен на 20\u00a0%" in page
    accept_route(demo, design)
    page = client.get(reverse("assessments:review", args=[design.id])).content.decode()
    assert "→ 60 после снижения за опоздание (−20\u00a0%)" in page


def test_an_on_time_route_shows_no_mark_in_the_queue(client, demo):
    late_route(demo, after=-dt.timedelta(hours=1))
    login(client, demo.users["mentor"])
    queue = client.get(reverse("assessments:review_queue")).content.decode()
    assert "Команда Кузбасса" in queue and "после срока" not in queue


def test_the_mentor_sees_a_members_own_score_before_and_after_the_penalty(
    client, demo, seventy_five_late
):
    review, _captain, member = seventy_five_late
    adjust_member_grade(
        review=review, member=member, score=Decimal("80"), reason="Вёл смету", by=review.mentor
    )
    login(client, demo.users["mentor"])
    page = client.get(reverse("assessments:review", args=[review.version.design_id]))
    text = page.content.decode()
    late = '<span class="late-penalty">→ 72 после снижения за опоздание (−10\u00a0%)'
    assert f"80 из 100 {late}" in text
    assert "→ 67,5 после снижения за опоздание (−10\u00a0%)" in text
