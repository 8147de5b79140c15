"""The cohort's teams page: an admin allocates mentors and extends a deadline."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.urls import reverse

from assessments.models import DeadlineExtension, RouteDesign
from assessments.services import start_route
from lms.models import Team
from tests.helpers import login


def test_admin_allocates_mentors_and_extends_a_deadline_on_the_cohort_page(
    client, demo, submitted_route
):
    omsk = Team.objects.get(name="Команда Омской области")
    omsk.mentor = None
    omsk.save()
    url = reverse("cohort_teams", args=[demo.cohort.id])
    login(client, demo.users["mentor"])
    assert client.get(url).status_code == 403
    login(client, demo.users["admin"])
    client.post(url, {"action": "balance"})
    omsk.refresh_from_db()
    assert omsk.mentor == demo.users["mentor"]
    client.post(url, {"action": "mentor", "team": omsk.id, "mentor": ""})
    omsk.refresh_from_db()
    assert omsk.mentor is None
    extend = {"action": "extend", "team": submitted_route.team_id, "assignment": demo.assignment.pk}
    response = client.post(url, {**extend, "until": "2030-01-31"}, follow=True)
    submitted_route.refresh_from_db()
    assert submitted_route.deadline_extended_to.date().isoformat() == "2030-01-31"
    assert "продлён до 31.01.2030 23:59 (Europe/Moscow)" in response.content.decode()
    response = client.post(url, {**extend, "until": "вчера"}, follow=True)
    assert "Укажите дату нового срока." in response.content.decode()


def test_an_extension_before_the_team_starts_ends_at_local_time_and_follows_the_team(client, demo):
    demo.assignment.time_zone = "Asia/Novokuznetsk"  # Кузбасс, UTC+7
    demo.assignment.save_revision().publish()
    omsk = Team.objects.get(cohort=demo.cohort, name="Команда Омской области")
    assert not RouteDesign.objects.filter(team=omsk).exists()  # not started
    login(client, demo.users["admin"])
    url = reverse("cohort_teams", args=[demo.cohort.id])
    form = {"action": "extend", "team": omsk.pk, "assignment": demo.assignment.pk}
    response = client.post(
        url, {**form, "until": "2026-12-20", "until_time": "18:00", "reason": "Болезнь капитана"}
    )
    assert response.status_code == 302
    zone = ZoneInfo("Asia/Novokuznetsk")
    local_six_pm = dt.datetime(2026, 12, 20, 18, 0, tzinfo=zone)
    (extension,) = DeadlineExtension.objects.filter(team=omsk)
    assert extension.until == local_six_pm == dt.datetime(2026, 12, 20, 11, 0, tzinfo=dt.UTC)
    assert extension.reason == "Болезнь капитана" and extension.by == demo.users["admin"]
    row = client.get(url).content.decode().split('data-team="Команда Омской области"')[1]
    assert "20 декабря 2026, 18:00" in row.split("</tr>")[0]
    login(client, demo.users["omsk_member"])
    brief = client.get(demo.assignment.url).content.decode()
    assert "для вашей команды продлён до 20 декабря 2026, 18:00" in brief  # before it starts
    # The team starts later: its route and its members' dashboard carry the extension.
    design = start_route(team=omsk, assignment=demo.assignment)
    assert design.deadline == local_six_pm
    login(client, demo.users["omsk_member"])
    page = client.get(reverse("dashboard")).content.decode()
    assert "20 декабря 2026, 18:00 (Asia/Novokuznetsk)" in page


def test_extensions_are_kept_as_history_and_the_latest_counts(client, demo, submitted_route):
    login(client, demo.users["admin"])
    url = reverse("cohort_teams", args=[demo.cohort.id])
    team = submitted_route.team
    form = {"action": "extend", "team": team.pk, "assignment": demo.assignment.pk}
    client.post(url, {**form, "until": "2026-12-28"})
    client.post(url, {**form, "until": "2026-12-22", "until_time": "12:00"})
    assert DeadlineExtension.objects.filter(team=team).count() == 2
    submitted_route.refresh_from_db()
    moscow = ZoneInfo(demo.assignment.time_zone)
    assert submitted_route.deadline == dt.datetime(2026, 12, 22, 12, 0, tzinfo=moscow)
    bad = client.post(url, {**form, "until": "22.12.2026"}, follow=True)
    assert "Укажите дату нового срока." in bad.content.decode()
    assert DeadlineExtension.objects.filter(team=team).count() == 2
