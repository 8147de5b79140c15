"""The route map's tile server comes from settings: the studio and the review page pass it to
the map script, the CSP lets its host through; the handout prints a static sketch."""

from pathlib import Path

from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from assessments.route_sketch import sketch
from tests.builders.routes import accept_route, build_draft_route
from tests.helpers import login, pdf_text

OPERATOR_TILES = "https://{s}.tiles.operator.test/osm/{z}/{x}/{y}.png"


@override_settings(MAP_TILE_URL=OPERATOR_TILES, MAP_TILE_ATTRIBUTION="© Оператор & OSM")
def test_studio_and_review_draw_the_configured_tiles_and_the_csp_allows_them(
    client, demo, submitted_route
):
    login(client, demo.users["mentor"])
    review = client.get(reverse("assessments:review", args=[submitted_route.id]))
    # The team works on a second draft after sending the first.
    submitted_route.refresh_from_db()
    login(client, demo.users["kuzbass_captain"])
    studio = client.get(reverse("assessments:studio", args=[submitted_route.id]))
    for response in (studio, review):
        page = response.content.decode()
        assert f'data-tile-url="{OPERATOR_TILES}"' in page
        assert 'data-tile-attribution="© Оператор &amp; OSM"' in page
        assert "tile.openstreetmap.org" not in page
        img_src = next(
            part
            for part in response["Content-Security-Policy"].split("; ")
            if part.startswith("img-src")
        )
        assert img_src == "img-src 'self' data: https://*.tiles.operator.test"


def test_by_default_the_public_openstreetmap_tiles_with_their_credit(client, demo):
    design = build_draft_route(demo)
    login(client, demo.users["kuzbass_captain"])
    response = client.get(reverse("assessments:studio", args=[design.id]))
    page = response.content.decode()
    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in page
    assert "openstreetmap.org/copyright" in page
    assert "https://tile.openstreetmap.org" in response["Content-Security-Policy"]
    assert 'id="route-points"' in page


def test_a_tile_server_on_the_site_itself_adds_no_host_to_the_csp(client, db):
    with override_settings(MAP_TILE_URL="/tiles/{z}/{x}/{y}.png", CSP_IMG_HOSTS=[]):
        policy = client.get("/accounts/login/")["Content-Security-Policy"]
    assert "img-src 'self' data:;" in policy


def test_the_map_script_hard_codes_no_tile_server():
    script = (Path(settings.BASE_DIR) / "static/js/route_map.js").read_text()
    assert "openstreetmap" not in script and "dataset.tileUrl" in script


def test_the_sketch_draws_each_day_and_dashes_the_overnight_move():
    points = [
        {"name": "Разрез", "lat": 55.54, "lon": 86.07, "day": 1},
        {"name": "Азот", "lat": 55.35, "lon": 86.09, "day": 1},
        {"name": "ЗСМК", "lat": 53.76, "lon": 87.14, "day": 2},
        {"name": "Музей", "lat": 53.75, "lon": 87.10, "day": 2},
    ]
    drawn = sketch(points, width=600, height=320)
    assert [m.number for m in drawn.markers] == [1, 2, 3, 4]
    assert [line.dashed for line in drawn.lines] == [False, True, False]
    assert drawn.lines[0].colour != drawn.lines[2].colour
    assert all(28 <= m.x <= 572 and 28 <= m.y <= 292 for m in drawn.markers)
    # North is up: the pit (further north) is drawn above the Novokuznetsk plant.
    assert drawn.markers[0].y < drawn.markers[2].y
    assert sketch([]) is None


def test_the_handout_prints_the_route_sketch(client, demo, submitted_route):
    accept_route(demo, submitted_route)
    login(client, demo.users["kuzbass_member"])
    response = client.get(reverse("assessments:handout", args=[submitted_route.id]))
    text = " ".join(pdf_text(response.content).split())
    assert "Схема маршрута" in text and "км" in text
