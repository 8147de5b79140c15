"""Admins manage cohorts and teams in the Wagtail admin."""

from lms.models import Team
from tests.helpers import login


def test_admins_manage_cohorts_and_teams_in_wagtail(client, demo):
    login(client, demo.users["admin"])
    for model in ("cohort", "team", "region"):
        assert client.get(f"/cms/snippets/lms/{model}/").status_code == 200, model
    team = Team.objects.first()
    assert client.get(f"/cms/snippets/lms/team/edit/{team.pk}/").status_code == 200
