"""A stop's kind and an enterprise's lunch for groups, end to end: the studio saves and
shows the kind, the submitted version and the next draft keep it, the snapshot and the diff
carry it with its label, the checker reads both, the card and the admin show the meals."""

import dataclasses
import datetime as dt
from decimal import Decimal

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from assessments import route_findings
from assessments.diff import diff_stops
from assessments.models import RouteDesign
from assessments.services import StopData, draft_of, review_route, save_route_draft, start_route
from assessments.snapshots import route_from_snapshot, route_snapshot
from tests.builders.routes import build_draft_route, points, studio_post
from tests.helpers import login

CAFE = {
    "stops-1-enterprise": "",
    "stops-1-place_name": "Кафе «Шахтёрская смена»",
    "stops-1-latitude": "55.3580",
    "stops-1-longitude": "86.0850",
    "stops-1-kind": "meal",
}


def test_the_studio_saves_a_stops_kind_shows_it_and_submitting_keeps_it(client, demo, kuzbass_team):
    login(client, demo.users["kuzbass_captain"])
    client.post(reverse("assessments:start_route", args=[demo.assignment.id]))
    design = RouteDesign.objects.get(team=kuzbass_team)
    draft = design.versions.get()
    azot = demo.enterprises["КАО «Азот»"]
    pit = demo.enterprises["Кедровский угольный разрез"]
    data = studio_post(design, draft, [(pit, "10:00"), (azot, "12:00"), (azot, "14:00")])
    data.update(CAFE)
    response = client.post(reverse("assessments:studio", args=[design.id]), data, follow=True)
    assert "Черновик сохранён." in response.content.decode()
    assert [s.kind for s in draft.stops.all()] == ["visit", "meal", "visit"]

    page = client.get(reverse("assessments:studio", args=[design.id])).content.decode()
    assert '<option value="meal" selected>питание</option>' in page
    assert page.count('<option value="visit" selected>посещение</option>') >= 2

    draft.refresh_from_db()
    data = studio_post(design, draft, [(pit, "10:00"), (azot, "12:00")], submit="1")
    data.update(CAFE)
    keys = {s.position: s.key.hex for s in draft.stops.all()}
    data.update({"stops-0-key": keys[1], "stops-1-key": keys[2]})
    client.post(reverse("assessments:studio", args=[design.id]), data)
    version = design.versions.get(number=1)
    assert version.is_frozen
    assert [s.kind for s in version.stops.all()] == ["visit", "meal"]
    # The next draft is a copy of the submitted version, kinds included.
    assert [s.kind for s in draft_of(design).stops.all()] == ["visit", "meal"]
    # The mentor's page lists the meal stop as one.
    login(client, demo.users["mentor"])
    review = client.get(reverse("assessments:review", args=[design.id])).content.decode()
    assert "Кафе «Шахтёрская смена»</td>" not in review  # the kind follows the name
    assert 'Кафе «Шахтёрская смена» <span class="meta">· питание</span>' in review


def test_a_row_posted_without_a_kind_is_a_visit(client, demo, kuzbass_team):
    login(client, demo.users["kuzbass_captain"])
    client.post(reverse("assessments:start_route", args=[demo.assignment.id]))
    design = RouteDesign.objects.get(team=kuzbass_team)
    draft = design.versions.get()
    data = studio_post(design, draft, [(demo.enterprises["КАО «Азот»"], "10:00")])
    client.post(reverse("assessments:studio", args=[design.id]), data)
    assert [s.kind for s in draft.stops.all()] == ["visit"]


def test_the_snapshot_keeps_the_kind_and_an_older_one_reads_as_visits(demo):
    design = build_draft_route(demo)
    draft = draft_of(design)
    stops = [StopData.of(s) for s in draft.stops.all()]
    assert [s.kind for s in stops] == ["visit", "visit", "meal"]
    content = route_snapshot(draft, stops)
    assert [s["kind"] for s in content["stops"]] == ["visit", "visit", "meal"]
    assert [s.kind for s in route_from_snapshot(content)[1]] == ["visit", "visit", "meal"]
    for raw in content["stops"]:
        del raw["kind"]  # saved before stops had a kind
    assert [s.kind for s in route_from_snapshot(content)[1]] == ["visit"] * 3
    assert diff_stops(content["stops"], route_snapshot(draft, stops)["stops"])[0]["status"] == (
        "same"
    )


def test_the_diff_names_a_changed_kind_with_its_labels(client, demo, submitted_route):
    review_route(
        version=submitted_route.versions.get(number=1),
        mentor=demo.users["mentor"],
        points=points(submitted_route),
        comment="Доработайте",
        decision="return",
    )
    draft = draft_of(submitted_route)
    stops = [StopData.of(s) for s in draft.stops.all()]
    stops[1] = dataclasses.replace(stops[1], kind="other")
    save_route_draft(
        design=submitted_route,
        user=demo.users["kuzbass_captain"],
        stops=stops,
        lock_version=draft.lock_version,
        title=draft.title,
    )
    login(client, demo.users["kuzbass_member"])
    page = client.get(reverse("assessments:diff", args=[submitted_route.id, 2])).content.decode()
    assert "<dt>Тип остановки</dt>" in page
    assert "<del>посещение</del> → <ins>другое</ins>" in page


def _long_day(demo):
    """Seven hours: the pit, three hours at the chemical works, the museum."""
    e = demo.enterprises
    return build_draft_route(
        demo,
        stops=[
            StopData(e["Кедровский угольный разрез"].pk, dt.time(9, 0), 90, 40),
            StopData(e["КАО «Азот»"].pk, dt.time(11, 10), 180, 15),
            StopData(
                None,
                dt.time(14, 25),
                90,
                0,
                place_name="Музей «Красная Горка», выставка",
                latitude=Decimal("55.372000"),
                longitude=Decimal("86.068000"),
            ),
        ],
    )


def codes_of(design) -> set[str]:
    return {f["code"] for f in route_findings.findings_for_version(draft_of(design))}


def test_lunch_at_an_enterprise_that_feeds_groups_counts_through_the_adapter(demo):
    design = _long_day(demo)
    assert "no_meal" in codes_of(design)
    azot = demo.enterprises["КАО «Азот»"]
    azot.offers_meals = True
    azot.save()
    assert "no_meal" not in codes_of(design)


def test_a_kept_finding_reads_in_the_readers_language(demo):
    findings = route_findings.findings_for_version(draft_of(_long_day(demo)))
    meal = next(f for f in findings if f["code"] == "no_meal")
    assert meal["message"].startswith("День 1 длиннее 6 ч, а обеда в нём нет")
    with translation.override("en"):
        assert route_findings.finding_message(meal).startswith(
            "Day 1 is longer than 6 h and has no meal"
        )
    # A finding kept before findings had a msgid shows its Russian text as it was.
    assert route_findings.finding_message({"message": "Старый текст"}) == "Старый текст"


def test_a_transfer_finding_in_english_names_the_stops_and_the_modes(demo):
    e = demo.enterprises
    design = build_draft_route(
        demo,
        stops=[
            StopData(e["КАО «Азот»"].pk, dt.time(10, 0), 60, 30),
            StopData(e["ЕВРАЗ ЗСМК, рельсобалочный цех"].pk, dt.time(11, 30), 60, 0),
        ],
    )
    finding = next(
        f
        for f in route_findings.findings_for_version(draft_of(design))
        if f["code"] == "transfer_too_short"
    )
    with translation.override("en"):
        text = route_findings.finding_message(finding)
    assert text.startswith("The transfer «КАО «Азот»» → «ЕВРАЗ ЗСМК, рельсобалочный цех» (coach)")


def test_the_enterprise_card_shows_the_meals(demo):
    azot = demo.enterprises["КАО «Азот»"]
    card = render_to_string("blocks/enterprise_card.html", {"value": {"enterprise": azot}})
    assert "не указано — запланируйте обед отдельно" in card
    azot.offers_meals = True
    azot.meals_note = "Обед в заводской столовой по заявке"
    card = render_to_string("blocks/enterprise_card.html", {"value": {"enterprise": azot}})
    assert '<dt>Питание</dt><dd class="rule-meals">Обед в заводской столовой по заявке</dd>' in card


def test_the_admin_edits_an_enterprises_meals(client, demo):
    azot = demo.enterprises["КАО «Азот»"]
    login(client, demo.users["admin"])
    url = reverse("wagtailsnippets_courses_enterprise:edit", args=[azot.pk])
    page = client.get(url).content.decode()
    assert 'name="offers_meals"' in page and 'name="meals_note"' in page


def test_a_free_place_whose_kind_is_meal_feeds_the_group_through_the_adapter(demo):
    design = _long_day(demo)
    draft = draft_of(design)
    stops = [StopData.of(s) for s in draft.stops.all()]
    stops[2] = dataclasses.replace(stops[2], kind="meal")
    save_route_draft(
        design=design,
        user=demo.users["kuzbass_captain"],
        stops=stops,
        lock_version=draft.lock_version,
        title=draft.title,
    )
    assert "no_meal" not in codes_of(design)


def test_the_live_check_reads_in_english_for_an_english_reader(client, demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    draft = design.versions.get()
    azot = demo.enterprises["КАО «Азот»"]
    rails = demo.enterprises["ЕВРАЗ ЗСМК, рельсобалочный цех"]
    login(client, demo.users["kuzbass_member"])
    client.cookies["django_language"] = "en"
    data = studio_post(design, draft, [(azot, "10:00"), (rails, "11:50")])
    page = client.post(reverse("assessments:check", args=[design.id]), data).content.decode()
    assert "The transfer «КАО «Азот»» → «ЕВРАЗ ЗСМК, рельсобалочный цех» (coach) takes" in page
    assert "Переезд" not in page
