"""Eligibility as the programme configures it: required modules, quizzes, score, attendance."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments.models import QuizAttempt
from certificates.models import Certificate
from certificates.selectors import cohort_eligibility, eligibility_of
from certificates.services import issue_certificate
from courses.models import Enrollment
from lms.models import Team
from tests.builders.learning import complete_program, pass_lesson
from tests.builders.routes import accept_route, build_submitted_route
from tests.helpers import login


def _configure(program, **fields):
    for name, value in fields.items():
        setattr(program, name, value)
    program.save_revision().publish()
    program.refresh_from_db()


def test_an_optional_module_does_not_count(demo):
    learner = demo.users["kuzbass_member"]
    optional = demo.modules[-1]
    optional.required = False
    optional.save_revision().publish()
    in_optional = [lesson for lesson in demo.lessons if lesson.path.startswith(optional.path)]
    assert in_optional
    for lesson in demo.lessons:
        if lesson not in in_optional:
            pass_lesson(learner, lesson)
    row = eligibility_of(learner, demo.cohort)
    assert row.lessons_total == len(demo.lessons) - len(in_optional)
    assert row.lessons_done == row.lessons_total
    assert row.quizzes_passed == row.quizzes_total
    assert row.lacks == ["маршрут команды не принят"]


def test_quizzes_must_be_passed_unless_the_programme_says_otherwise(demo, graduate):
    quiz = demo.quizzes[next(iter(demo.quizzes))]
    QuizAttempt.objects.filter(user=graduate, quiz=quiz).update(passed=False)
    row = eligibility_of(graduate, demo.cohort)
    assert row.lacks == [f"сдано тестов {len(demo.quizzes) - 1} из {len(demo.quizzes)}"]
    _configure(demo.program, certificate_requires_quizzes=False)
    assert eligibility_of(graduate, demo.cohort).eligible


def test_the_route_score_must_reach_the_threshold(demo, graduate):
    assert eligibility_of(graduate, demo.cohort).score == Decimal("75.0")
    _configure(demo.program, certificate_min_score=Decimal("80"))
    row = eligibility_of(graduate, demo.cohort)
    assert row.lacks == ["балл проекта 75 ниже порога 80"]
    with pytest.raises(ValidationError, match="ниже порога"):
        issue_certificate(holder=graduate, cohort=demo.cohort, issued_by=demo.users["admin"])
    _configure(demo.program, certificate_min_score=Decimal("75"))
    assert eligibility_of(graduate, demo.cohort).eligible


def test_attendance_is_required_only_when_a_minimum_is_set(demo, graduate):
    assert eligibility_of(graduate, demo.cohort).eligible
    _configure(demo.program, certificate_min_attendance=80)
    assert eligibility_of(graduate, demo.cohort).lacks == ["посещаемость не внесена"]
    enrollment = Enrollment.objects.get(user=graduate, cohort=demo.cohort)
    enrollment.attendance_percent = 79
    enrollment.save()
    lacks = eligibility_of(graduate, demo.cohort).lacks
    assert lacks == ["посещаемость 79\u00a0% при минимуме 80\u00a0%"]
    enrollment.attendance_percent = 80
    enrollment.save()
    assert eligibility_of(graduate, demo.cohort).eligible


def test_admin_enters_attendance_and_bad_figures_keep_what_was_typed(client, demo, graduate):
    _configure(demo.program, certificate_min_attendance=75)
    login(client, demo.users["admin"])
    url = reverse("certificates:cohort", args=[demo.cohort.id])
    mine = Enrollment.objects.get(user=graduate, cohort=demo.cohort)
    other = Enrollment.objects.get(user=demo.users["kuzbass_member"], cohort=demo.cohort)
    response = client.post(url, {f"attendance-{mine.pk}": "90", f"attendance-{other.pk}": "150"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Введите целое число от 0 до 100." in page
    assert 'value="150"' in page
    mine.refresh_from_db()
    assert mine.attendance_percent is None  # nothing half-saved
    response = client.post(url, {f"attendance-{mine.pk}": "90 %", f"attendance-{other.pk}": ""})
    assert response.status_code == 302
    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.attendance_percent, other.attendance_percent) == (90, None)
    assert eligibility_of(graduate, demo.cohort).eligible


def test_the_cohort_page_lists_lacks_with_a_constant_number_of_queries(client, demo, graduate):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, demo.users["admin"])
    url = reverse("certificates:cohort", args=[demo.cohort.id])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(30):
        user = get_user_model().objects.create_user(f"extra{n}@demo.test", last_name=f"Иванов{n}")
        Enrollment.objects.create(user=user, cohort=demo.cohort, attendance_percent=n)
    complete_program(demo, demo.users["kuzbass_member"])
    issue_certificate(holder=graduate, cohort=demo.cohort, issued_by=demo.users["admin"])
    with CaptureQueriesContext(connection) as more:
        assert client.get(url).status_code == 200
    assert len(more) == len(few)
    assert Certificate.objects.count() == 1


def test_each_learner_gets_their_own_teams_route_and_score(demo, graduate):

    omsk_captain = demo.users["omsk_captain"]
    # Kuzbass's accepted route counts for Kuzbass only.
    row = eligibility_of(omsk_captain, demo.cohort)
    assert row.routes_accepted == 0 and row.score is None
    assert "маршрут команды не принят" in row.lacks
    omsk = Team.objects.get(cohort=demo.cohort, name="Команда Омской области")
    accept_route(demo, build_submitted_route(demo, team=omsk), points=4)
    row = eligibility_of(omsk_captain, demo.cohort)
    assert row.routes_accepted == 1 and row.score > Decimal("75.0")
    assert eligibility_of(graduate, demo.cohort).score == Decimal("75.0")


def test_rows_for_some_teams_are_those_of_the_whole_cohort(demo, graduate):

    def plain(rows):
        return [
            (r.user.email, r.team.name, r.lessons_done, r.quizzes_passed, r.score, r.lacks)
            for r in rows
        ]

    whole = cohort_eligibility(demo.cohort)
    for team in Team.objects.filter(cohort=demo.cohort):
        some = cohort_eligibility(demo.cohort, team_ids=[team.pk])
        assert {r.team.pk for r in some} == {team.pk}
        assert plain(some) == plain([r for r in whole if r.team and r.team.pk == team.pk])
    assert cohort_eligibility(demo.cohort, team_ids=[]) == []
