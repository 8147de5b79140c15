"""A draft's history: every save is kept and can be restored; autosave reports conflicts."""

import datetime as dt

from django.urls import reverse

from assessments.models import (
    RouteDraftSnapshot,
)
from assessments.services import (
    draft_of,
    restore_snapshot,
    save_route_draft,
    start_route,
)
from tests.builders.routes import kuzbass_stops
from tests.helpers import login


def test_every_save_is_kept_and_any_can_be_restored(demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    member = demo.users["kuzbass_member"]
    stops = kuzbass_stops(demo)
    save_route_draft(
        design=design,
        user=member,
        stops=stops,
        lock_version=0,
        title="Первый",
        group_size=15,
        start_date=dt.date(2027, 3, 1),
    )
    save_route_draft(
        design=design,
        user=demo.users["kuzbass_captain"],
        stops=stops[:1],
        lock_version=1,
        title="Второй",
    )
    snapshots = list(RouteDraftSnapshot.objects.filter(design=design).order_by("saved_at", "id"))
    assert [(s.author.email, s.content["fields"]["title"]) for s in snapshots] == [
        ("kuzbass.member@demo.test", "Первый"),
        ("kuzbass.captain@demo.test", "Второй"),
    ]
    restore_snapshot(design=design, snapshot=snapshots[0], user=member, lock_version=2)
    draft = draft_of(design)
    assert draft.title == "Первый" and draft.group_size == 15
    assert draft.start_date == dt.date(2027, 3, 1)
    assert draft.stops.count() == 3
    assert RouteDraftSnapshot.objects.filter(design=design).count() == 3


def test_autosave_saves_quietly_and_reports_a_conflict(client, demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    login(client, demo.users["kuzbass_member"])
    data = {
        "title": "Автосохранение",
        "days": "1",
        "lock_version": "0",
        "stops-TOTAL_FORMS": "0",
        "stops-INITIAL_FORMS": "0",
    }
    url = reverse("assessments:autosave", args=[design.id])
    answer = client.post(url, data).json()
    assert answer["saved"] and answer["lock_version"] == 1
    assert RouteDraftSnapshot.objects.get(design=design).autosave
    response = client.post(url, data)
    assert response.status_code == 409 and not response.json()["saved"]
    assert draft_of(design).title == "Автосохранение"
