"""The mentor's side over HTTP: the review queue, returning a route, errors that keep the
comment."""

from django.urls import reverse

from assessments.models import RouteDesign
from lms.models import Team
from tests.helpers import login


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
    data.update({"comment": "Нет обеда в маршруте.", "decision": "return", "publish": "1"})
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
