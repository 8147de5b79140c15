from django.urls import reverse

from lms.models import Team
from tests.helpers import login, pdf_text
from tests.routes import accept_route


def test_an_accepted_route_has_a_handout_pdf_for_the_team_only(client, demo, submitted_route):
    url = reverse("assessments:handout", args=[submitted_route.id])
    login(client, demo.users["kuzbass_member"])
    assert client.get(url).status_code == 404  # not accepted yet
    accept_route(demo, submitted_route)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "Уголь, азот и рельсы" in text
    assert "Кедровский угольный разрез" in text and "Обед в кафе в центре Кемерова" in text
    login(client, demo.users["omsk_member"])
    assert client.get(url).status_code == 404


def test_per_criterion_comments_reach_the_team(client, demo, submitted_route):
    criteria = list(submitted_route.assignment.rubric.criteria.all())
    data = {f"criterion_{c.pk}": "3" for c in criteria}
    data[f"note_{criteria[1].pk}"] = "Переезд до разреза занимает больше 40 минут"
    data.update({"comment": "Вернуть", "decision": "return", "publish": "1"})
    login(client, demo.users["mentor"])
    client.post(reverse("assessments:review", args=[submitted_route.id]), data)
    login(client, demo.users["kuzbass_captain"])
    page = client.get(reverse("assessments:studio", args=[submitted_route.id])).content.decode()
    assert "Переезд до разреза занимает больше 40 минут" in page


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
    response = client.post(
        url, {"action": "extend", "design": submitted_route.id, "until": "2030-01-31"}, follow=True
    )
    submitted_route.refresh_from_db()
    assert submitted_route.deadline_extended_to.date().isoformat() == "2030-01-31"
    assert "Срок продлён." in response.content.decode()
    response = client.post(
        url, {"action": "extend", "design": submitted_route.id, "until": "вчера"}, follow=True
    )
    assert "Укажите дату нового срока." in response.content.decode()


def test_admins_manage_cohorts_and_teams_in_wagtail(client, demo):
    login(client, demo.users["admin"])
    for model in ("cohort", "team", "region"):
        assert client.get(f"/cms/snippets/lms/{model}/").status_code == 200, model
    team = Team.objects.first()
    assert client.get(f"/cms/snippets/lms/team/edit/{team.pk}/").status_code == 200
