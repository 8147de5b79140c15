"""Cohort reports, the grade book, mentor workload, and who may see them."""

import csv
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.selectors import lesson_quizzes
from assessments.services import submit_quiz_attempt
from certificates.selectors import cohort_eligibility
from lms.models import Team
from reports.selectors import mentor_workload
from tests.builders.learning import complete_program, pass_lesson, right_answers, wrong_answers
from tests.builders.routes import (
    accept_route,
    build_many_graduates,
    build_submitted_route,
    second_mentor_for_omsk,
)
from tests.helpers import login


def test_the_report_shows_each_team_and_learner_with_progress(client, demo):
    accept_route(demo, build_submitted_route(demo))
    complete_program(demo, demo.users["kuzbass_captain"])
    login(client, demo.users["admin"])
    page = client.get(reverse("cohort_report", args=[demo.cohort.id])).content.decode()
    assert 'data-team="Команда Кузбасса"' in page and 'data-team="Команда Омской области"' in page
    assert "<svg" in page and "Команда Кузбасса: 50\u00a0%" in page  # one of two members done
    assert "принят" in page
    assert "Нагрузка наставников" in page


def test_filters_by_region_and_team(client, demo):
    login(client, demo.users["admin"])
    url = reverse("cohort_report", args=[demo.cohort.id])
    omsk = Team.objects.get(cohort=demo.cohort, name="Команда Омской области")
    page = client.get(url, {"region": omsk.region_id}).content.decode()
    assert (
        'data-team="Команда Омской области"' in page and 'data-team="Команда Кузбасса"' not in page
    )
    page = client.get(url, {"team": omsk.pk}).content.decode()
    assert 'data-learner="omsk.captain@demo.test"' in page
    assert 'data-learner="kuzbass.captain@demo.test"' not in page


def test_a_mentor_sees_only_their_teams_and_learners_see_no_reports(client, demo):
    other = second_mentor_for_omsk(demo)
    login(client, other)
    url = reverse("cohort_report", args=[demo.cohort.id])
    page = client.get(url).content.decode()
    assert (
        'data-team="Команда Омской области"' in page and 'data-team="Команда Кузбасса"' not in page
    )
    assert "kuzbass.captain@demo.test" not in page
    rows = list(
        csv.reader(
            io.StringIO(_body(client, "csv", demo.cohort.pk).lstrip("\ufeff")), delimiter=";"
        )
    )
    assert {r[1] for r in rows[1:]} == {"omsk.captain@demo.test", "omsk.member@demo.test"}
    login(client, demo.users["kuzbass_captain"])
    assert client.get(url).status_code == 403
    assert client.get(reverse("cohort_gradebook", args=[demo.cohort.id, "csv"])).status_code == 403
    assert client.get(reverse("reports")).status_code == 403


def _body(client, fmt, cohort_id):
    response = client.get(reverse("cohort_gradebook", args=[cohort_id, fmt]))
    return b"".join(response.streaming_content).decode("utf-8")


def test_gradebook_csv_and_xlsx_carry_the_same_figures(client, demo):
    from openpyxl import load_workbook

    complete_program(demo, demo.users["omsk_member"])
    login(client, demo.users["admin"])
    body = _body(client, "csv", demo.cohort.pk).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0][:4] == ["ФИО", "E-mail", "Регион", "Команда"]
    response = client.get(reverse("cohort_gradebook", args=[demo.cohort.id, "xlsx"]))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet_rows = [["" if v is None else str(v) for v in row] for row in book.active.values]
    assert [r[:8] for r in sheet_rows] == [r[:8] for r in rows]
    omsk = next(r for r in rows if r[1] == "omsk.member@demo.test")
    assert omsk[4] == omsk[5] == str(len(demo.lessons))


def test_the_report_runs_in_a_constant_number_of_queries(client, demo):
    login(client, demo.users["admin"])
    url = reverse("cohort_report", args=[demo.cohort.id])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    kuzbass = Team.objects.get(cohort=demo.cohort, name="Команда Кузбасса")
    Team.objects.bulk_create(
        Team(cohort=demo.cohort, region=kuzbass.region, name=f"Команда {n}") for n in range(200)
    )
    build_many_graduates(demo, 1000, prefix="report")
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)


def test_ten_thousand_rows_export_streamed(client, demo):
    import time

    build_many_graduates(demo, 10_000, prefix="export")
    login(client, demo.users["admin"])
    response = client.get(reverse("cohort_gradebook", args=[demo.cohort.id, "csv"]))
    assert response.streaming
    start = time.perf_counter()
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 1 + 10_000 + 4  # header, the generated learners, the demo's four
    print(f"10,000-row grade book streamed in {time.perf_counter() - start:.2f} s")


def test_mentor_workload_counts_teams_pending_and_review_time(client, demo):

    accept_route(demo, build_submitted_route(demo))
    load = {row.mentor.email: row for row in mentor_workload(demo.cohort)}
    mentor = load["mentor@demo.test"]
    assert mentor.teams == 2 and mentor.pending == 0
    assert mentor.median_hours is not None and mentor.median_hours >= 0


def test_the_admins_report_shows_the_whole_cohorts_workload_even_when_filtered(client, demo):
    second = second_mentor_for_omsk(demo)
    build_submitted_route(demo)  # Kuzbass's route waits for the first mentor
    kuzbass = Team.objects.get(cohort=demo.cohort, name="Команда Кузбасса")
    login(client, demo.users["admin"])
    url = reverse("cohort_report", args=[demo.cohort.id])
    for params in ({}, {"team": kuzbass.pk}):
        load = {row.mentor.email: row for row in client.get(url, params).context["workload"]}
        assert (load["mentor@demo.test"].teams, load["mentor@demo.test"].pending) == (1, 1)
        assert (load[second.email].teams, load[second.email].pending) == (1, 0)


def test_the_report_names_the_programme_as_last_published(client, demo):
    login(client, demo.users["admin"])
    url = reverse("cohort_report", args=[demo.cohort.id])
    assert demo.program.title in client.get(url).content.decode()
    demo.program.title = "Промышленный туризм: переименованная программа"
    demo.program.save_revision().publish()
    assert "Промышленный туризм: переименованная программа" in client.get(url).content.decode()


def test_quiz_figures_in_the_report_count_the_best_attempt_of_each_quiz(client, demo):
    from decimal import Decimal

    learner = demo.users["omsk_member"]
    with_quizzes = [lesson for lesson in demo.lessons if lesson_quizzes(lesson)]
    lesson_a, lesson_b = with_quizzes[:2]
    (first,), (second,) = lesson_quizzes(lesson_a), lesson_quizzes(lesson_b)

    def attempt(lesson, quiz, answers, number):
        return submit_quiz_attempt(
            user=learner, quiz=quiz, lesson=lesson, answers=answers, attempt_number=number
        )

    failed = attempt(lesson_a, first, wrong_answers(first), 1)
    passed = attempt(lesson_a, first, right_answers(first), 2)
    for lesson in demo.lessons[: demo.lessons.index(lesson_b)]:  # lesson_b opens after these
        pass_lesson(learner, lesson)
    only = attempt(lesson_b, second, wrong_answers(second), 1)
    assert not failed.passed and passed.passed and not only.passed
    login(client, demo.users["admin"])
    report = client.get(reverse("cohort_report", args=[demo.cohort.id])).context["report"]
    line = next(line for line in report.learners if line.user == learner)
    assert line.quizzes_passed == 1
    assert line.quiz_average == ((passed.score + only.score) / 2).quantize(Decimal("0.1"))
    # The report reads attempts once for both figures; issuing counts passes on its own.
    plain = next(row for row in cohort_eligibility(demo.cohort) if row.user == learner)
    assert plain.quizzes_passed == line.quizzes_passed and plain.quiz_average is None
    assert next(lo for lo in report.learners if lo.user != learner).quiz_average is None


def test_workload_from_the_reports_reads_equals_the_workload_read_afresh(client, demo):

    idle = second_mentor_for_omsk(demo, assign=False)
    demo.cohort.mentors.add(idle)  # a mentor of the cohort without a team yet
    build_submitted_route(demo)
    login(client, demo.users["admin"])
    shown = client.get(reverse("cohort_report", args=[demo.cohort.id])).context["workload"]
    afresh = mentor_workload(demo.cohort)
    assert [(m.mentor.email, m.teams, m.pending) for m in shown] == [
        (m.mentor.email, m.teams, m.pending) for m in afresh
    ]
    load = {m.mentor.email: m for m in shown}
    assert (load[idle.email].teams, load[idle.email].pending) == (0, 0)
    assert load["mentor@demo.test"].pending == 1
