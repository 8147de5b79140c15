"""The safety checklist: each requirement of a route's sites (each PPE item, each document, the
briefing, the photo rule) is an item the team answers in the studio; the checker reports the
open ones by name, and the suggested safety level counts them."""

import re
from dataclasses import replace
from datetime import time

from django.urls import reverse

from assessments.checklist import answered_keys, items_for
from assessments.feasibility import Route, Site, Stop, check_route
from assessments.route_findings import safety_items_of
from assessments.scoring import suggest_level
from assessments.services import draft_of, save_route_draft, start_route, submit_route
from tests.assessments.test_query_counts import queries
from tests.builders.routes import build_draft_route, captain_of, kuzbass_stops, studio_post
from tests.helpers import login

OPEN = "не указано, как обеспечено"


def _answer_all(enterprise, how="site") -> dict:
    return {f"safety-{item.key}-how": how for item in safety_items_of(enterprise)}


def _item_box(page: str, key: str) -> str:
    """The checklist item's markup in the studio page."""
    return page.split(f'data-key="{key}"', 1)[1].split("</li>", 1)[0]


def _checked(box: str, value: str) -> bool:
    return re.search(rf'<input type="radio"[^>]*value="{value}"[^>]*checked', box) is not None


def test_a_sites_requirements_become_items_with_keys_that_follow_their_text():
    items = items_for(
        7,
        ppe="Каска, сигнальный жилет",
        documents="Список группы; инструктаж",
        rules="Инструктаж перед входом",
        photo="Только в обозначенных точках",
    )
    assert [(i.kind, i.label) for i in items] == [
        ("ppe", "каска"),
        ("ppe", "сигнальный жилет"),
        ("document", "список группы"),
        ("document", "инструктаж"),
        ("briefing", "инструктаж по безопасности"),
        ("photo", "правила съёмки: только в обозначенных точках"),
    ]
    reworded = items_for(7, ppe="каска ,  Сигнальный  жилет, самоспасатель")
    assert [i.key for i in reworded][:2] == [i.key for i in items][:2]
    assert items_for(8, ppe="Каска")[0].key != items[0].key  # another site, another item


def test_an_item_left_open_is_reported_by_name_and_cleared_when_answered():
    items = items_for(1, ppe="Каска, самоспасатель")
    azot = Site("enterprise:1", "КАО «Азот»", 55.3547, 86.0873, safety_items=items)
    cafe = Site("place:кафе", "Кафе", 55.3547, 86.0873)
    route = Route(
        stops=[
            Stop(1, cafe, 1, time(9), 30),
            Stop(2, azot, 1, time(10), 60),
            Stop(3, azot, 1, time(11), 60),  # the same site again: asked once
        ]
    )

    def open_items(route):
        return [f.message for f in check_route(route) if f.code == "safety_item_open"]

    assert open_items(route) == [
        f"Остановка 2, КАО «Азот»: каска — {OPEN}.",
        f"Остановка 2, КАО «Азот»: самоспасатель — {OPEN}.",
    ]
    helmet, rescuer = (item.key for item in items)
    answered = answered_keys({helmet: {"how": "site", "reason": ""}})
    assert open_items(replace(route, safety_answered=answered)) == [
        f"Остановка 2, КАО «Азот»: самоспасатель — {OPEN}."
    ]
    # «not needed» counts only with its reason.
    unexplained = {helmet: {"how": "site"}, rescuer: {"how": "not_needed", "reason": " "}}
    assert len(open_items(replace(route, safety_answered=answered_keys(unexplained)))) == 1
    explained = {**unexplained, rescuer: {"how": "not_needed", "reason": "нет зоны газа"}}
    assert open_items(replace(route, safety_answered=answered_keys(explained))) == []


def test_the_studio_live_check_names_the_open_items_and_clears_them(client, demo):
    azot = demo.enterprises["КАО «Азот»"]
    design = build_draft_route(demo)
    login(client, captain_of(design))
    data = studio_post(design, draft_of(design), [(azot, "10:00")])
    url = reverse("assessments:check", args=[design.id])
    page = client.post(url, data).content.decode()
    assert f"Остановка 1, КАО «Азот»: каска — {OPEN}." in page
    assert f"Остановка 1, КАО «Азот»: самоспасатель — {OPEN}." in page
    assert page.count(OPEN) == len(safety_items_of(azot)) == 7
    data.update(_answer_all(azot, how="group"))
    assert OPEN not in client.post(url, data).content.decode()


def test_not_needed_without_a_reason_is_refused_at_the_item_and_autosave_keeps_the_rest(
    client, demo
):
    azot = demo.enterprises["КАО «Азот»"]
    design = build_draft_route(demo)
    login(client, captain_of(design))
    photo = safety_items_of(azot)[-1]
    assert photo.kind == "photo"
    studio = reverse("assessments:studio", args=[design.id])
    typed = {**_answer_all(azot), f"safety-{photo.key}-how": "not_needed"}
    data = studio_post(design, draft_of(design), [(azot, "10:00")], **typed)
    response = client.post(studio, data)
    assert response.status_code == 400
    box = _item_box(response.content.decode(), photo.key)
    assert "Укажите, почему это не нужно." in box and _checked(box, "not_needed")
    assert draft_of(design).safety_answers == {}  # the full save saved nothing

    answer = client.post(reverse("assessments:autosave", args=[design.id]), data).json()
    assert answer["saved"] and answer["partial"]
    assert {"name": f"safety-{photo.key}", "messages": ["Укажите, почему это не нужно."]} in (
        answer["fields"]
    )
    kept = draft_of(design).safety_answers
    assert photo.key not in kept and len(kept) == len(safety_items_of(azot)) - 1
    # The studio shows the refused answer again, as typed, with its message.
    box = _item_box(client.get(studio).content.decode(), photo.key)
    assert "Укажите, почему это не нужно." in box and _checked(box, "not_needed")

    data.update(
        {
            f"safety-{photo.key}-reason": "Группа не снимает: телефоны сдаём на входе",
            "lock_version": str(answer["lock_version"]),
        }
    )
    assert client.post(studio, data).status_code == 302
    assert draft_of(design).safety_answers[photo.key] == {
        "how": "not_needed",
        "reason": "Группа не снимает: телефоны сдаём на входе",
    }


def _answers(enterprises, leave_open=0) -> dict:
    items = [item for e in enterprises for item in safety_items_of(e)]
    return {item.key: {"how": "site", "reason": ""} for item in items[leave_open:]}


def test_answers_survive_submit_and_the_next_draft_and_the_mentor_sees_them(client, demo):
    e = demo.enterprises
    pit, azot = e["Кедровский угольный разрез"], e["КАО «Азот»"]
    design = build_draft_route(demo)
    captain = captain_of(design)
    answers = _answers([pit, azot])
    save_route_draft(
        design=design,
        user=captain,
        title="Уголь и химия",
        stops=kuzbass_stops(demo),
        lock_version=draft_of(design).lock_version,
        safety_answers=answers,
    )
    assert design.snapshots.first().content["fields"]["safety_answers"] == answers
    submitted = submit_route(design=design, user=captain)
    submitted.refresh_from_db()
    assert submitted.safety_answers == answers
    assert not [f for f in submitted.findings if f["code"] == "safety_item_open"]
    assert draft_of(design).number == 2 and draft_of(design).safety_answers == answers

    login(client, captain)
    page = client.get(reverse("assessments:studio", args=[design.id])).content.decode()
    assert all(_checked(_item_box(page, key), "site") for key in answers)
    login(client, demo.users["mentor"])
    review = client.get(reverse("assessments:review", args=[design.id])).content.decode()
    section = review.split('id="safety-answers"', 1)[1].split("</section>", 1)[0]
    assert section.count("предоставляет площадка") == len(answers)
    assert OPEN not in section


def test_the_suggested_safety_level_counts_the_open_items(client, demo):
    e = demo.enterprises
    pit, azot = e["Кедровский угольный разрез"], e["КАО «Азот»"]
    design = build_draft_route(demo)
    captain = captain_of(design)
    save_route_draft(
        design=design,
        user=captain,
        title="Уголь и химия",
        stops=kuzbass_stops(demo),
        lock_version=draft_of(design).lock_version,
        safety_answers=_answers([pit, azot], leave_open=2),
    )
    version = submit_route(design=design, user=captain)
    version.refresh_from_db()
    open_items = [f for f in version.findings if f["code"] == "safety_item_open"]
    assert len(open_items) == 2
    assert suggest_level(5, "safety", version.findings) == 3
    assert suggest_level(5, "safety", [f for f in version.findings if f not in open_items]) == 5

    safety = design.assignment.rubric.criteria.get(measured_by="safety")
    login(client, demo.users["mentor"])
    page = client.get(reverse("assessments:review", args=[design.id])).content.decode()
    assert f'<option value="{safety.max_points - 2}" selected>' in page
    # The mentor sees which two are open.
    section = page.split('id="safety-answers"', 1)[1].split("</section>", 1)[0]
    assert section.count(OPEN) == 2


def test_the_studio_renders_the_checklist_in_a_fixed_number_of_queries(client, demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    captain = captain_of(design)
    enterprises = list(demo.enterprises.values())
    stops = kuzbass_stops(demo)[:1]

    def save(stops):
        save_route_draft(
            design=design,
            user=captain,
            stops=stops,
            lock_version=draft_of(design).lock_version,
        )

    save(stops)
    login(client, captain)
    url = reverse("assessments:studio", args=[design.id])
    one = queries(client, url)
    assert client.get(url).content.decode().count('class="checklist-stop"') == 1
    many = [
        replace(stops[0], enterprise_id=e.pk, key=f"{i:032x}") for i, e in enumerate(enterprises)
    ]
    save(many)
    page = client.get(url).content.decode()
    assert page.count('class="checklist-stop"') == len(
        [e for e in enterprises if safety_items_of(e)]
    )
    assert len(enterprises) >= 5
    assert queries(client, url) == one


def test_the_checklist_and_its_findings_read_in_english(client, demo):
    azot = demo.enterprises["КАО «Азот»"]
    design = build_draft_route(demo)
    login(client, captain_of(design))
    client.cookies["django_language"] = "en"
    data = studio_post(design, draft_of(design), [(azot, "10:00")])
    page = client.post(reverse("assessments:check", args=[design.id]), data).content.decode()
    assert "Stop 1, КАО «Азот»: каска — how it is met is not stated." in page
    photo = safety_items_of(azot)[-1]
    data[f"safety-{photo.key}-how"] = "not_needed"
    response = client.post(reverse("assessments:studio", args=[design.id]), data)
    page = response.content.decode()
    assert response.status_code == 400 and "Safety checklist" in page
    box = _item_box(page, photo.key)
    assert "provided by the site" in box and "Say why it is not needed." in box
