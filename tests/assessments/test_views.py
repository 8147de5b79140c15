import pytest
from django.urls import reverse

from assessments.models import RouteDesign
from assessments.services import start_route
from lms.models import Team
from tests.helpers import login


def studio_post(design, draft, stops, **extra):
    data = {
        "title": "Маршрут из формы",
        "narrative": "Замысел",
        "lock_version": str(draft.lock_version),
        "stops-TOTAL_FORMS": str(len(stops)),
        "stops-INITIAL_FORMS": "0",
        "stops-MIN_NUM_FORMS": "0",
        "stops-MAX_NUM_FORMS": "50",
    }
    for i, (enterprise, arrival) in enumerate(stops):
        data.update(
            {
                f"stops-{i}-enterprise": str(enterprise.pk),
                f"stops-{i}-day": "1",
                f"stops-{i}-arrival_time": arrival,
                f"stops-{i}-stay_minutes": "60",
                f"stops-{i}-transfer_minutes": "30",
                f"stops-{i}-ORDER": str(i + 1),
            }
        )
    data.update(extra)
    return data


def test_captain_saves_and_submits_through_the_studio(client, demo, kuzbass_team):
    login(client, demo.users["kuzbass_captain"])
    response = client.post(reverse("assessments:start_route", args=[demo.assignment.id]))
    design = RouteDesign.objects.get(team=kuzbass_team)
    assert response["Location"] == reverse("assessments:studio", args=[design.id])
    draft = design.versions.get()
    e = list(demo.enterprises.values())
    data = studio_post(design, draft, [(e[0], "10:00"), (e[2], "12:00"), (e[1], "15:00")])
    response = client.post(reverse("assessments:studio", args=[design.id]), data, follow=True)
    assert "Черновик сохранён." in response.content.decode()
    draft.refresh_from_db()
    assert [s.enterprise_id for s in draft.stops.all()] == [e[0].pk, e[2].pk, e[1].pk]

    data = studio_post(design, draft, [(e[0], "10:00"), (e[2], "12:00")], submit="1")
    response = client.post(reverse("assessments:studio", args=[design.id]), data, follow=True)
    assert "Маршрут отправлен наставнику." in response.content.decode()
    design.refresh_from_db()
    assert design.state == RouteDesign.State.SUBMITTED


def test_invalid_stop_keeps_what_the_user_typed(client, demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    login(client, demo.users["kuzbass_member"])
    e = list(demo.enterprises.values())
    data = studio_post(design, design.versions.get(), [(e[0], "25:99")])
    data["title"] = "Мой несохранённый заголовок"
    response = client.post(reverse("assessments:studio", args=[design.id]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Мой несохранённый заголовок" in page
    assert "Введите правильное время." in page
    assert design.versions.get().stops.count() == 0


def test_stale_save_shows_a_conflict_and_keeps_the_input(client, demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    draft = design.versions.get()
    e = list(demo.enterprises.values())
    login(client, demo.users["kuzbass_captain"])
    client.post(
        reverse("assessments:studio", args=[design.id]),
        studio_post(design, draft, [(e[0], "10:00")], title="Версия капитана"),
    )
    login(client, demo.users["kuzbass_member"])
    stale = studio_post(design, draft, [(e[1], "11:00")], title="Версия участника")
    response = client.post(reverse("assessments:studio", args=[design.id]), stale)
    page = response.content.decode()
    assert "успел изменить другой участник" in page
    assert "Версия участника" in page and "Версия капитана" in page
    draft.refresh_from_db()
    assert draft.title == "Версия капитана"


@pytest.mark.parametrize("url_name", ["assessments:studio", "assessments:review"])
def test_learner_of_another_team_gets_404_on_a_route(client, demo, kuzbass_team, url_name):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    login(client, demo.users["omsk_member"])
    assert client.get(reverse(url_name, args=[design.id])).status_code == 404
    response = client.post(reverse("assessments:studio", args=[design.id]), {"title": "x"})
    assert response.status_code == 404


def test_mentor_queue_lists_only_their_teams_submissions(client, demo, submitted_route):
    login(client, demo.users["mentor"])
    page = client.get(reverse("assessments:review_queue")).content.decode()
    assert "Команда Кузбасса" in page
    omsk = Team.objects.get(name="Команда Омской области")
    omsk.mentor = None
    omsk.save()
    demo.cohort.mentors.clear()
    submitted_route.team.mentor = None
    submitted_route.team.save()
    page = client.get(reverse("assessments:review_queue")).content.decode()
    assert "Команда Кузбасса" not in page
    assert client.get(reverse("assessments:review", args=[submitted_route.id])).status_code == 404


def test_learners_have_no_review_queue(client, demo):
    login(client, demo.users["kuzbass_captain"])
    assert client.get(reverse("assessments:review_queue")).status_code == 403


def test_mentor_returns_a_route_and_the_team_sees_the_comment(client, demo, submitted_route):
    login(client, demo.users["mentor"])
    criteria = submitted_route.assignment.rubric.criteria.all()
    data = {f"criterion_{c.pk}": "2" for c in criteria}
    data.update({"comment": "Нет обеда в маршруте.", "decision": "return"})
    response = client.post(reverse("assessments:review", args=[submitted_route.id]), data)
    assert response.status_code == 302
    login(client, demo.users["kuzbass_member"])
    page = client.get(reverse("assessments:studio", args=[submitted_route.id])).content.decode()
    assert "Нет обеда в маршруте." in page
    assert "возвращён на доработку" in page


def test_review_form_errors_keep_the_mentors_comment(client, demo, submitted_route):
    login(client, demo.users["mentor"])
    data = {"comment": "Длинный комментарий, который нельзя потерять", "decision": "accept"}
    response = client.post(reverse("assessments:review", args=[submitted_route.id]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Длинный комментарий, который нельзя потерять" in page
    assert "Требуется заполнить это поле." in page
    submitted_route.refresh_from_db()
    assert submitted_route.state == RouteDesign.State.SUBMITTED
