"""The cohort's team composition page: admins and the lead mentor add, move, remove and change
captains with a reason; bad input comes back with a Russian message, a 400 and what was typed;
the page lists the history and reads in a fixed number of queries."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.models import Membership, Team, TeamChange
from lms.services import user_create
from tests.helpers import login


@pytest.fixture
def page(demo):
    return reverse("cohort_team_members", args=[demo.cohort.id])


@pytest.fixture
def teams(demo):
    return (
        Team.objects.get(cohort=demo.cohort, name="Команда Кузбасса"),
        Team.objects.get(cohort=demo.cohort, name="Команда Омской области"),
    )


def row_of(html: str, team: str) -> str:
    return html.split(f'data-team="{team}"')[1].split("</tr>")[0]


def test_an_admin_moves_a_member_and_the_page_shows_it_and_its_history(client, demo, page, teams):
    _kuzbass, omsk = teams
    member = demo.users["kuzbass_member"]
    login(client, demo.users["admin"])
    response = client.post(
        page,
        {
            "action": "move",
            "move-person": member.pk,
            "move-to_team": omsk.pk,
            "move-reason": "Переехал в Омск",
        },
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"{member.full_name} переведён(а) в команду «Команда Омской области»." in html
    assert member.email not in row_of(html, "Команда Кузбасса")
    assert member.email in row_of(html, "Команда Омской области")
    history = html.split('class="table team-history"')[1]
    move = history.split('data-change="move"')[1].split("</tr>")[0]
    assert "Команда Кузбасса → Команда Омской области" in move
    assert "Переехал в Омск" in move and demo.users["admin"].full_name in move


def test_the_lead_mentor_adds_a_person_by_email_and_changes_the_captain(client, demo, page, teams):
    kuzbass, _omsk = teams
    demo.cohort.lead_mentor = demo.users["mentor"]
    demo.cohort.save()
    newcomer = user_create(
        email="new@demo.test", password=None, last_name="Новикова", first_name="Ольга"
    )
    login(client, demo.users["mentor"])
    response = client.post(
        page,
        {
            "action": "add",
            "add-email": "NEW@demo.test",
            "add-team": kuzbass.pk,
            "add-reason": "Заявление",
        },
    )
    assert response.status_code == 302
    assert Membership.objects.get(user=newcomer).team == kuzbass
    response = client.post(
        page,
        {"action": "captain", "captain-person": newcomer.pk, "captain-reason": "Выбрала команда"},
    )
    assert response.status_code == 302
    assert kuzbass.memberships.get(role="captain").user == newcomer
    assert list(TeamChange.objects.filter(person=newcomer).values_list("kind", "by")) == [
        ("captain", demo.users["mentor"].pk),
        ("add", demo.users["mentor"].pk),
    ]
    assert (
        "Состав команд"
        in client.get(reverse("cohort_report", args=[demo.cohort.id])).content.decode()
    )


def test_a_removal_without_a_reason_comes_back_with_the_input_kept(client, demo, page):
    captain = demo.users["kuzbass_captain"]
    login(client, demo.users["admin"])
    response = client.post(
        page, {"action": "remove", "remove-person": captain.pk, "remove-reason": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Укажите основание изменения." in html
    assert f'<option value="{captain.pk}" selected>' in html
    assert Membership.objects.filter(user=captain).exists()

    response = client.post(
        page, {"action": "remove", "remove-person": captain.pk, "remove-reason": "Отчислен"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "выберите нового капитана из её участников" in html
    assert 'value="Отчислен"' in html  # the reason typed is kept
    summary = html.split('id="errors"')[1].split("</div>")[0]
    assert "Новый капитан команды" in summary
    assert Membership.objects.filter(user=captain).exists()


def test_an_unknown_email_and_a_missing_team_get_their_own_messages(client, demo, page):
    login(client, demo.users["admin"])
    response = client.post(
        page, {"action": "add", "add-email": "nobody@demo.test", "add-team": "", "add-reason": "x"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Нет пользователя с e-mail «nobody@demo.test»: пригласите его импортом списка." in html
    assert "Выберите команду." in html
    assert 'value="nobody@demo.test"' in html


def test_the_page_is_for_admins_and_the_lead_mentor_only(client, demo, page, teams):
    _kuzbass, omsk = teams
    login(client, demo.users["mentor"])  # a mentor of the cohort, not its lead
    assert client.get(page).status_code == 403
    move = {
        "action": "move",
        "move-person": demo.users["kuzbass_member"].pk,
        "move-to_team": omsk.pk,
        "move-reason": "x",
    }
    assert client.post(page, move).status_code == 403
    login(client, demo.users["kuzbass_captain"])
    assert client.get(page).status_code == 403
    assert Membership.objects.get(user=demo.users["kuzbass_member"]).team != omsk
    login(client, demo.users["admin"])
    assert client.get(reverse("cohort_team_members", args=[999999])).status_code == 404


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_page_reads_in_the_same_queries_for_a_small_and_a_large_cohort(
    client, demo, page, teams
):
    kuzbass, _omsk = teams
    login(client, demo.users["admin"])
    small = _queries(client, page)
    User = get_user_model()
    for n in range(30):
        team = Team.objects.create(
            cohort=demo.cohort,
            region=kuzbass.region,
            name=f"Команда {n}",
            mentor=demo.users["mentor"],
        )
        people = User.objects.bulk_create(
            User(email=f"p{n}-{i}@demo.test", last_name=f"Участник{n}", first_name=str(i))
            for i in range(5)
        )
        Membership.objects.bulk_create(
            Membership(
                team=team, cohort=demo.cohort, user=u, role="captain" if i == 0 else "member"
            )
            for i, u in enumerate(people)
        )
        TeamChange.objects.bulk_create(
            TeamChange(
                cohort=demo.cohort,
                team=team,
                other_team=kuzbass,
                person=u,
                kind="move",
                by=demo.users["admin"],
                reason="r",
            )
            for u in people
        )
    large = _queries(client, page)
    html = client.get(page).content.decode()
    assert "Участник29" in html and html.count('data-change="move"') == 150
    assert large == small


def test_the_page_and_its_messages_read_in_english(client, demo, page):
    login(client, demo.users["admin"])
    client.get("/language/en/", {"next": page})
    html = client.get(page).content.decode()
    assert "Team composition" in html and "History of changes" in html
    response = client.post(
        page,
        {"action": "remove", "remove-person": demo.users["kuzbass_member"].pk, "remove-reason": ""},
    )
    assert response.status_code == 400
    assert "Give the reason for the change." in response.content.decode()
