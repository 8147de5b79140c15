"""The enterprise card shows every visit rule, marks each demo value, and names where the
coordinates come from; the admin offers the flags."""

import re

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from assessments.models import RouteStop
from courses.models import Enterprise
from demo.build import build_sample_routes
from tests.helpers import login

DEMO = "(учебное значение)"


def card(enterprise) -> str:
    with translation.override("ru"):
        html = render_to_string(
            "blocks/enterprise_card.html", {"value": {"enterprise": enterprise}}
        )
    return re.sub(r"\s+", " ", html)


def rule(html: str, name: str) -> str:
    return re.search(rf'<dd class="rule-{name}">(.*?)</dd>', html).group(1)


def test_the_card_shows_each_visit_rule_of_the_site(demo):
    azot = demo.enterprises["КАО «Азот»"]
    html = card(azot)
    assert "пн, вт, ср, чт, пт, 09:00–17:00" in rule(html, "hours")
    assert "не принимает" in rule(html, "holidays")
    assert f"за {azot.booking_lead_days} дн." in rule(html, "lead")
    assert f"от {azot.min_age} лет" in rule(html, "age")
    assert f"до {azot.max_group_size} человек" in rule(html, "group")
    assert azot.ppe_required in rule(html, "ppe")
    assert azot.documents_required in rule(html, "documents")
    assert azot.photo_policy in rule(html, "photo")
    assert "запланируйте обед отдельно" in rule(html, "meals")
    assert "ул. Грузовая, 1" in rule(html, "coordinates")


def test_each_demo_value_is_marked_and_a_sourced_one_is_not(demo):
    azot = demo.enterprises["КАО «Азот»"]
    html = card(azot)
    for name in ("hours", "holidays", "lead", "age", "group", "ppe", "documents", "photo"):
        assert DEMO in rule(html, name), name
    assert "условная точка, учебное значение" in rule(html, "coordinates")

    azot.hours_are_demo_values = False
    azot.safety_rules_are_demo_values = False
    azot.rules_source = "Сайт предприятия, раздел «Экскурсии»"
    html = card(azot)
    for name in ("hours", "holidays", "ppe", "documents", "photo"):
        assert DEMO not in rule(html, name), name
    for name in ("lead", "age", "group"):
        assert DEMO in rule(html, name), name
    assert "Источник правил приёма: Сайт предприятия" in html


def test_the_card_names_the_source_of_real_coordinates(demo):
    gaz = demo.enterprises["Горьковский автомобильный завод"]
    assert not gaz.coordinates_are_demo_values
    html = rule(card(gaz), "coordinates")
    assert "учебное значение" not in html
    assert "Источник координат:" in html and "russian-goldenring.ru/sights/2350" in html
    assert "главная проходная" in html


def test_the_demo_names_a_source_for_every_real_point_and_marks_the_rest(demo):
    for enterprise in Enterprise.objects.all():
        # A real point has a named source; a point without one is a marked demo value.
        assert enterprise.coordinates_are_demo_values == (not enterprise.coordinates_source)
        if enterprise.coordinates_are_demo_values:
            assert enterprise.coordinates_note, enterprise.name


def test_the_demo_cafe_does_not_stand_on_a_plant(demo):
    build_sample_routes(demo)
    cafe = RouteStop.objects.filter(place_name__icontains="кафе").first()
    points = set(Enterprise.objects.values_list("latitude", "longitude"))
    assert cafe is not None and (cafe.latitude, cafe.longitude) not in points


def test_the_admin_edit_form_offers_the_coordinates_source_and_demo_flags(demo, client):
    login(client, demo.users["admin"])
    azot = demo.enterprises["КАО «Азот»"]
    edit = reverse(Enterprise.snippet_viewset.get_url_name("edit"), args=[azot.pk])
    response = client.get(edit)
    assert response.status_code == 200
    page = response.content.decode()
    for field in (
        "coordinates_source",
        "coordinates_note",
        "coordinates_are_demo_values",
        "rules_source",
        "hours_are_demo_values",
        "rules_are_demo_values",
        "safety_rules_are_demo_values",
    ):
        assert f'name="{field}"' in page, field
    assert "Учебные значения помечаются на карточке предприятия" in page


def test_the_card_reads_in_english_with_its_demo_marks(demo):
    azot = demo.enterprises["КАО «Азот»"]
    with translation.override("en"):
        html = render_to_string("blocks/enterprise_card.html", {"value": {"enterprise": azot}})
    assert f"at least {azot.booking_lead_days} days ahead" in html
    assert "(demo value)" in html and "approximate point, demo value" in html
