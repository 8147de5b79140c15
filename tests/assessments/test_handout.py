"""The accepted route's handout PDF, for the team only."""

from django.urls import reverse

from tests.builders.routes import accept_route
from tests.helpers import login, pdf_text


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
