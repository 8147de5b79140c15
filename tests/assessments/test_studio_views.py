"""The route studio over HTTP: saving and submitting, input kept on errors and conflicts, live
checks, access, the catalogue."""

import pytest
from django.urls import reverse

from assessments.models import RouteDesign
from assessments.services import start_route
from courses.models import Enterprise
from tests.builders.routes import studio_post
from tests.helpers import login


def test_captain_saves_and_submits_through_the_studio(client, demo, kuzbass_team):
    login(client, demo.users["kuzbass_captain"])
    response = client.post(reverse("assessments:start_route", args=[demo.assignment.id]))
    design = RouteDesign.objects.get(team=kuzbass_team)
    assert response["Location"] == reverse("assessments:studio", args=[design.id])
    draft = design.versions.get()
    azot = demo.enterprises["КАО «Азот»"]
    pit = demo.enterprises["Кедровский угольный разрез"]
    rails = demo.enterprises["ЕВРАЗ ЗСМК, рельсобалочный цех"]
    data = studio_post(design, draft, [(azot, "10:00"), (rails, "12:00"), (pit, "15:00")])
    response = client.post(reverse("assessments:studio", args=[design.id]), data, follow=True)
    assert "Черновик сохранён." in response.content.decode()
    draft.refresh_from_db()
    assert [s.enterprise_id for s in draft.stops.all()] == [azot.pk, rails.pk, pit.pk]
    # The page carries each stop's identity; posting it back keeps the stop the same stop.
    keys = [s.key.hex for s in draft.stops.all()]
    page = client.get(reverse("assessments:studio", args=[design.id])).content.decode()
    assert all(f'value="{key}"' in page for key in keys)

    data = studio_post(design, draft, [(azot, "10:00"), (pit, "14:00")], submit="1")
    data.update({"stops-0-key": keys[0], "stops-1-key": keys[2]})
    response = client.post(reverse("assessments:studio", args=[design.id]), data, follow=True)
    assert "Маршрут отправлен наставнику." in response.content.decode()
    design.refresh_from_db()
    assert design.state == RouteDesign.State.SUBMITTED
    assert [s.key.hex for s in design.versions.get(number=1).stops.all()] == [keys[0], keys[2]]


def test_invalid_stop_keeps_what_the_user_typed(client, demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    login(client, demo.users["kuzbass_member"])
    pit = demo.enterprises["Кедровский угольный разрез"]
    data = studio_post(design, design.versions.get(), [(pit, "25:99")])
    data["title"] = "Мой несохранённый заголовок"
    response = client.post(reverse("assessments:studio", args=[design.id]), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Мой несохранённый заголовок" in page
    assert "Введите правильное время." in page
    assert design.versions.get().stops.count() == 0


def test_stale_save_shows_a_conflict_and_keeps_the_input(client, demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    draft = design.versions.get()
    pit = demo.enterprises["Кедровский угольный разрез"]
    azot = demo.enterprises["КАО «Азот»"]
    login(client, demo.users["kuzbass_captain"])
    client.post(
        reverse("assessments:studio", args=[design.id]),
        studio_post(design, draft, [(pit, "10:00")], title="Версия капитана"),
    )
    login(client, demo.users["kuzbass_member"])
    stale = studio_post(design, draft, [(azot, "11:00")], title="Версия участника")
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


def test_the_studio_checks_the_unsaved_form_live(client, demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    draft = design.versions.get()
    azot = demo.enterprises["КАО «Азот»"]
    rails = demo.enterprises["ЕВРАЗ ЗСМК, рельсобалочный цех"]
    login(client, demo.users["kuzbass_member"])
    data = studio_post(design, draft, [(azot, "10:00"), (rails, "11:50")])
    response = client.post(reverse("assessments:check", args=[design.id]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-code="transfer_too_short"' in page
    assert "(по несохранённой форме)" in page
    draft.refresh_from_db()
    assert draft.stops.count() == 0 and draft.lock_version == 0


def test_checker_errors_block_submission_and_warnings_are_frozen_with_the_version(
    client, demo, kuzbass_team
):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    draft = design.versions.get()
    azot = demo.enterprises["КАО «Азот»"]
    rails = demo.enterprises["ЕВРАЗ ЗСМК, рельсобалочный цех"]
    pit = demo.enterprises["Кедровский угольный разрез"]
    login(client, demo.users["kuzbass_captain"])
    bad = studio_post(design, draft, [(azot, "10:00"), (rails, "11:50")], submit="1")
    page = client.post(reverse("assessments:studio", args=[design.id]), bad, follow=True)
    assert "Исправьте ошибки маршрута перед отправкой" in page.content.decode()
    design.refresh_from_db()
    assert design.state == RouteDesign.State.DRAFT
    draft.refresh_from_db()
    good = studio_post(design, draft, [(azot, "10:00"), (pit, "14:00")], submit="1")
    client.post(reverse("assessments:studio", args=[design.id]), good)
    version = design.versions.get(number=1)
    assert version.is_frozen
    assert {f["code"] for f in version.findings} == {"safety_item_open"}
    login(client, demo.users["mentor"])
    review = client.get(reverse("assessments:review", args=[design.id])).content.decode()
    assert 'data-code="safety_item_open"' in review


def test_another_place_and_route_details_are_saved(client, demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    draft = design.versions.get()
    azot = demo.enterprises["КАО «Азот»"]
    login(client, demo.users["kuzbass_member"])
    data = studio_post(design, draft, [(azot, "10:00")])
    data.update(
        {
            "stops-TOTAL_FORMS": "2",
            "stops-1-place_name": "Музей-заповедник «Красная Горка»",
            "stops-1-latitude": "55.3700",
            "stops-1-longitude": "86.0600",
            "stops-1-day": "1",
            "stops-1-arrival_time": "12:00",
            "stops-1-stay_minutes": "90",
            "stops-1-transfer_mode": "walk",
            "stops-1-transfer_minutes": "0",
            "stops-1-ORDER": "2",
            "group_size": "18",
            "audience": "schoolchildren",
            "audience_min_age": "14",
            "price_per_person": "2500",
            "costs": "Трансфер; 1500\nОбед; 1000",
        }
    )
    response = client.post(reverse("assessments:studio", args=[design.id]), data, follow=True)
    assert "Черновик сохранён." in response.content.decode()
    draft.refresh_from_db()
    museum = draft.stops.get(position=2)
    assert museum.enterprise is None and museum.name == "Музей-заповедник «Красная Горка»"
    assert draft.group_size == 18
    assert draft.cost_items == [
        {"label": "Трансфер", "amount": "1500.00"},
        {"label": "Обед", "amount": "1000.00"},
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("costs", "Трансфер 1500", "нужно «название; сумма»"),
        ("costs", "Трансфер; -5", "нужно «название; сумма»"),
        ("stops-0-latitude", "123", "Убедитесь, что это значение меньше либо равно 90."),
        ("group_size", "-3", "Убедитесь, что это значение больше либо равно 0."),
    ],
)
def test_bad_route_input_gets_a_clear_message_and_keeps_the_rest(
    client, demo, kuzbass_team, field, value, message
):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    draft = design.versions.get()
    login(client, demo.users["kuzbass_member"])
    data = studio_post(design, draft, [(demo.enterprises["КАО «Азот»"], "10:00")])
    data["narrative"] = "Текст, который нельзя потерять"
    data[field] = value
    response = client.post(reverse("assessments:studio", args=[design.id]), data)
    page = response.content.decode()
    assert message in page
    assert "Текст, который нельзя потерять" in page
    draft.refresh_from_db()
    assert draft.lock_version == 0


def test_the_studio_catalogue_lists_the_region_first_and_follows_enterprise_changes(
    client, demo, kuzbass_team
):
    import re

    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    login(client, demo.users["kuzbass_captain"])
    url = reverse("assessments:studio", args=[design.id])

    def catalogue():
        page = client.get(url).content.decode()
        select = page.split('name="stops-0-enterprise"', 1)[1].split("</select>", 1)[0]
        return [int(pk) for pk in re.findall(r'<option value="(\d+)"', select)]

    listed = catalogue()
    kuzbass = [e.pk for e in Enterprise.objects.filter(region=kuzbass_team.region)]
    assert set(listed) == set(Enterprise.objects.values_list("pk", flat=True))
    assert set(listed[: len(kuzbass)]) == set(kuzbass)  # the team's own region first

    # The catalogue is cached; adding, renaming or deleting an enterprise is seen at once.
    added = Enterprise.objects.create(
        name="Музей-заповедник «Красная Горка»",
        industry="музей угольной промышленности",
        region=kuzbass_team.region,
        city="Кемерово",
        latitude="55.3690",
        longitude="86.0880",
    )
    assert added.pk in catalogue()[: len(kuzbass) + 1]
    added.name = "Красная Горка"
    added.save()
    assert "Красная Горка (Кемерово)" in client.get(url).content.decode()
    added.delete()
    assert added.pk not in catalogue()
