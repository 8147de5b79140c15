"""Autosave of a half-filled studio form: what is valid is saved, what is not is kept as
typed and named beside its stop; the history numbers every save and tells the time in the
assignment's zone."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from assessments.models import RouteDraftSnapshot
from assessments.services import draft_of, restore_snapshot, save_route_draft, start_route
from tests.builders.routes import kuzbass_stops, studio_post
from tests.helpers import login


def _half_filled(demo, design):
    """Three stops as typed: the first and third whole, the second an enterprise only."""
    azot, pit = demo.enterprises["КАО «Азот»"], demo.enterprises["Кедровский угольный разрез"]
    rails = demo.enterprises["ЕВРАЗ ЗСМК, рельсобалочный цех"]
    data = studio_post(design, draft_of(design), [(azot, "10:00"), (rails, ""), (pit, "15:00")])
    data.update({"title": "Черновик с дырой", "stops-1-stay_minutes": "", "group_size": "15"})
    return data


def test_a_half_filled_stop_is_kept_aside_and_the_rest_is_saved(client, demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    login(client, demo.users["kuzbass_member"])
    response = client.post(
        reverse("assessments:autosave", args=[design.id]), _half_filled(demo, design)
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["saved"] and answer["partial"] and answer["lock_version"] == 1
    assert "сохранён частично" in answer["status"]
    # The error names the stop (second as typed, second row of the form) and its fields.
    [stop] = answer["stops"]
    assert stop["index"] == 1 and stop["number"] == 2
    assert stop["messages"][0].startswith("Остановка 2 не сохранена.")
    assert "Прибытие: Требуется заполнить это поле." in stop["messages"][0]
    assert "На месте, мин: Требуется заполнить это поле." in stop["messages"][0]
    assert answer["fields"] == []
    # The valid fields and stops are in the draft; the half-filled stop is not.
    draft = draft_of(design)
    assert draft.title == "Черновик с дырой" and draft.group_size == 15
    assert [(s.position, s.enterprise.name) for s in draft.stops.select_related("enterprise")] == [
        (1, "КАО «Азот»"),
        (2, "Кедровский угольный разрез"),
    ]
    # The saved stops' identities come back for the page to keep.
    assert [k["index"] for k in answer["keys"]] == [0, 2]
    assert [k["key"] for k in answer["keys"]] == [s.key.hex for s in draft.stops.all()]


def test_a_reload_puts_the_half_filled_stop_back_where_it_was_typed(client, demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    login(client, demo.users["kuzbass_member"])
    rails = demo.enterprises["ЕВРАЗ ЗСМК, рельсобалочный цех"]
    data = _half_filled(demo, design)
    data["stops-1-notes"] = "Уточнить время у цеха"
    client.post(reverse("assessments:autosave", args=[design.id]), data)
    page = client.get(reverse("assessments:studio", args=[design.id])).content.decode()
    # Row 1 (the second) is the half-filled stop, as typed, with its message beside it.
    row = page.split('name="stops-1-ORDER"', 1)[1].split("</tr>", 1)[0]
    assert f'<option value="{rails.pk}" selected>' in row
    assert "Уточнить время у цеха" in row
    assert "Остановка 2 не сохранена." in row
    assert 'name="stops-2-enterprise"' in page and 'name="stops-TOTAL_FORMS" value="5"' in page
    assert "сохранён частично" in page


def test_an_invalid_route_field_keeps_the_old_value_and_is_named(client, demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    login(client, demo.users["kuzbass_member"])
    url = reverse("assessments:autosave", args=[design.id])
    client.post(
        url,
        {
            **_half_filled(demo, design),
            "stops-1-arrival_time": "11:00",
            "stops-1-stay_minutes": "60",
        },
    )
    data = _half_filled(demo, design)
    data.update({"group_size": "много", "costs": "Трансфер без суммы", "title": "Новое"})
    answer = client.post(url, data).json()
    assert answer["saved"] and answer["partial"]
    assert {f["name"] for f in answer["fields"]} == {"group_size", "costs"}
    draft = draft_of(design)
    assert draft.title == "Новое" and draft.group_size == 15  # the last valid value
    # The typed value comes back on reload, beside its message.
    page = client.get(reverse("assessments:studio", args=[design.id])).content.decode()
    field = page.split("field-group_size", 1)[1].split("</div>", 1)[0]
    assert 'value="много"' in field and "autosave-error" in field


def test_a_whole_form_saves_whole_and_submitting_still_validates_everything(
    client, demo, kuzbass_team
):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    login(client, demo.users["kuzbass_captain"])
    answer = client.post(
        reverse("assessments:autosave", args=[design.id]), _half_filled(demo, design)
    ).json()
    assert answer["partial"]
    data = _half_filled(demo, design)
    data.update({"lock_version": "1", "submit": "1"})
    response = client.post(reverse("assessments:studio", args=[design.id]), data)
    assert response.status_code == 400
    assert "Требуется заполнить это поле." in response.content.decode()
    assert draft_of(design).submitted_at is None
    data.update({"stops-1-arrival_time": "12:30", "stops-1-stay_minutes": "60"})
    del data["submit"]
    answer = client.post(reverse("assessments:autosave", args=[design.id]), data).json()
    assert answer["saved"] and not answer["partial"] and answer["stops"] == []
    assert draft_of(design).stops.count() == 3
    assert "incomplete" not in RouteDraftSnapshot.objects.filter(design=design).first().content


def test_the_answer_is_in_english_for_an_english_reader(client, demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    login(client, demo.users["kuzbass_member"])
    client.cookies["django_language"] = "en"
    answer = client.post(
        reverse("assessments:autosave", args=[design.id]), _half_filled(demo, design)
    ).json()
    assert answer["stops"][0]["messages"][0].startswith("Stop 2 not saved. Arrival:")
    assert "saved partially" in answer["status"]


def test_history_numbers_every_save_and_tells_time_in_the_assignments_zone(
    client, demo, kuzbass_team
):
    demo.assignment.time_zone = "Asia/Novokuznetsk"  # Кузбасс, UTC+7
    demo.assignment.save_revision().publish()
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    member = demo.users["kuzbass_member"]
    moscow_noon = dt.datetime(2026, 11, 20, 12, 0, tzinfo=ZoneInfo("Europe/Moscow"))
    for n in range(3):
        with time_machine.travel(moscow_noon + dt.timedelta(minutes=10 * n), tick=False):
            save_route_draft(
                design=design,
                user=member,
                stops=kuzbass_stops(demo),
                lock_version=n,
                title=f"Сохранение {n + 1}",
            )
    first = RouteDraftSnapshot.objects.filter(design=design).order_by("saved_at").first()
    with time_machine.travel(moscow_noon + dt.timedelta(minutes=40), tick=False):
        restore_snapshot(design=design, snapshot=first, user=member, lock_version=3)
    login(client, member)
    page = client.get(reverse("assessments:studio", args=[design.id])).content.decode()
    history = page.split('class="history"', 1)[1].split("</ul>", 1)[0]
    entries = [(n, when.strip()) for n, when in re.findall(r"Сохранение (\d+): ([^—]+)—", history)]
    # Newest first, each with its own number; 12:00 in Moscow is 16:00 in Novokuznetsk.
    assert entries == [
        ("4", "20 ноября, 16:40:00 (Asia/Novokuznetsk)"),
        ("3", "20 ноября, 16:20:00 (Asia/Novokuznetsk)"),
        ("2", "20 ноября, 16:10:00 (Asia/Novokuznetsk)"),
        ("1", "20 ноября, 16:00:00 (Asia/Novokuznetsk)"),
    ]
    assert "часовом поясе задания (Asia/Novokuznetsk)" in page
    # The autosave's time is in the same zone.
    with time_machine.travel(moscow_noon + dt.timedelta(minutes=50), tick=False):
        answer = client.post(
            reverse("assessments:autosave", args=[design.id]),
            {**_half_filled(demo, design), "lock_version": "4"},
        ).json()
    assert (answer["time"], answer["zone"]) == ("16:50:00", "Asia/Novokuznetsk")
    assert "16:50:00 (Asia/Novokuznetsk)" in answer["status"]


def test_the_history_and_the_kept_stop_cost_the_same_queries_for_1_or_25_saves(
    client, demo, kuzbass_team
):
    from tests.assessments.test_query_counts import queries

    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    login(client, demo.users["kuzbass_member"])
    url = reverse("assessments:autosave", args=[design.id])
    client.post(url, _half_filled(demo, design))
    studio = reverse("assessments:studio", args=[design.id])
    one = queries(client, studio)
    for n in range(1, 25):
        client.post(url, {**_half_filled(demo, design), "lock_version": str(n)})
    assert RouteDraftSnapshot.objects.filter(design=design).count() == 25
    assert queries(client, studio) == one
