"""The dashboards answer «what now» for each role: the learner's modules and news, the
mentor's waiting routes, open threads and deadlines, the admin's cohorts and bulk issues."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from assessments.models import RouteAssignmentPage
from assessments.services import extend_deadline
from certificates.models import BulkIssue, BulkIssueItem
from core.models import Notification
from lms.models import Team
from tests.builders.feedback import comment_on_field, comment_on_stop
from tests.builders.learning import pass_lesson
from tests.builders.routes import build_submitted_route
from tests.helpers import login


def test_the_learner_sees_each_module_and_what_is_new(client, demo):
    learner = demo.users["kuzbass_captain"]
    pass_lesson(learner, demo.lessons[0])
    Notification.objects.create(
        user=learner, kind="test", subject="Маршрут вернули с замечаниями", body="", url="/x/"
    )
    login(client, learner)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Новое для вас" in page and "Маршрут вернули с замечаниями" in page
    first = demo.modules[0]
    lessons_in_first = sum(1 for lesson in demo.lessons if lesson.path.startswith(first.path))
    assert f'{first.title}</a> <span class="meta">1 / {lessons_in_first}</span>' in page
    # A module behind a prerequisite says which one opens it.
    assert "откроется после модуля «" in page


def test_the_mentor_sees_waiting_routes_open_threads_and_this_weeks_deadlines(client, demo):
    design = build_submitted_route(demo)
    comment_on_stop(demo, design)
    comment_on_field(demo, design)
    team = Team.objects.get(pk=design.team_id)
    soon = timezone.now() + dt.timedelta(days=3)
    RouteAssignmentPage.objects.filter(pk=demo.assignment.pk).update(deadline=soon)
    # Another team's extension takes its deadline past this week: not listed.
    other = Team.objects.get(cohort=demo.cohort, name="Команда Омской области")
    other.mentor = demo.users["mentor"]
    other.save()
    extend_deadline(
        assignment=RouteAssignmentPage.objects.get(pk=demo.assignment.pk),
        team=other,
        until=soon + dt.timedelta(days=10),
        by=demo.users["admin"],
        reason="Тест",
    )
    login(client, demo.users["mentor"])
    page = client.get(reverse("dashboard")).content.decode()
    assert "1 маршрут ждёт проверки" in page
    assert reverse("assessments:review", args=[design.id]) in page and "в очереди: " in page
    assert "Открытых обсуждений: 2" in page and f"{team.name} — 2" in page
    assert "Сроки на этой неделе" in page and f"{team.name}: {demo.assignment.title}" in page
    assert f"{other.name}: {demo.assignment.title}" not in page


def test_the_admin_sees_cohorts_with_counts_and_running_bulk_issues(client, demo):
    build_submitted_route(demo)
    job = BulkIssue.objects.create(cohort=demo.cohort, started_by=demo.users["admin"])
    for user in (demo.users["kuzbass_captain"], demo.users["kuzbass_member"]):
        BulkIssueItem.objects.create(job=job, holder=user)
    login(client, demo.users["admin"])
    page = client.get(reverse("dashboard")).content.decode()
    assert "Центру компетенций" in page and demo.cohort.title in page
    assert reverse("cohort_report", args=[demo.cohort.id]) in page
    assert "на проверке: 1" in page
    assert "Идёт массовая выдача" in page and f"{demo.cohort.title}: 0 / 2" in page


def test_the_mentors_desk_costs_the_same_queries_for_thirty_more_teams(client, demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.assessments.test_query_counts import add_teams

    build_submitted_route(demo)
    login(client, demo.users["mentor"])
    url = reverse("dashboard")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    add_teams(demo, 30)
    client.get(url)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)
