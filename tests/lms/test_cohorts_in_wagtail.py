"""Admins manage cohorts and teams in the Wagtail admin."""

from lms.models import Team
from tests.helpers import login


def test_admins_manage_cohorts_and_teams_in_wagtail(client, demo):
    login(client, demo.users["admin"])
    for model in ("cohort", "team", "region"):
        assert client.get(f"/cms/snippets/lms/{model}/").status_code == 200, model
    team = Team.objects.first()
    assert client.get(f"/cms/snippets/lms/team/edit/{team.pk}/").status_code == 200


def test_a_cohort_reporting_to_the_registry_is_refused_without_its_funding_source(client, demo):
    from django.forms.models import model_to_dict

    login(client, demo.users["admin"])
    cohort = demo.cohort
    url = f"/cms/snippets/lms/cohort/edit/{cohort.pk}/"
    page = client.get(url).content.decode()
    assert 'name="study_form"' in page and 'name="funding_source"' in page
    data = {
        k: v
        for k, v in model_to_dict(cohort).items()
        if v is not None and k not in ("mentors", "id")
    }
    data.update(collects_registry_data="on", funding_source="", study_form="mixed")
    data["mentors"] = [m.pk for m in cohort.mentors.all()]
    response = client.post(url, data)
    assert "Укажите источник финансирования" in response.content.decode()
    cohort.refresh_from_db()
    assert not cohort.collects_registry_data and cohort.study_form == "part_time"
    data["funding_source"] = "regional"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    cohort.refresh_from_db()
    assert (cohort.collects_registry_data, cohort.study_form, cohort.funding_source) == (
        True,
        "mixed",
        "regional",
    )
