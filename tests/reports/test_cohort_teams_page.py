"""The cohort's teams page: an admin allocates mentors and extends a deadline."""

from django.urls import reverse

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
