"""A mentor's comments per criterion reach the team."""

from django.urls import reverse

from tests.helpers import login


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
