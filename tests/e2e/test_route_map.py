"""The route map in a browser: tiles from the configured server, one line per day."""

import datetime as dt
import re

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from assessments.services import StopData, save_route_draft, start_route
from demo.build import LEARNER_PASSWORD
from tests.builders.routes import kuzbass_team_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_studio_map_loads_the_configured_tiles_and_draws_each_day(open_as, demo, live_server):
    e = demo.enterprises
    design = start_route(team=kuzbass_team_of(demo), assignment=demo.assignment)
    save_route_draft(
        design=design,
        user=demo.users["kuzbass_captain"],
        title="Два дня",
        days=2,
        stops=[
            StopData(e["Кедровский угольный разрез"].pk, dt.time(10), 90, 40),
            StopData(e["КАО «Азот»"].pk, dt.time(12, 10), 120, 0),
            StopData(e["ЕВРАЗ ЗСМК, рельсобалочный цех"].pk, dt.time(10), 90, 0, day=2),
        ],
        lock_version=0,
    )
    tiles = f"{live_server.url}/static/operator-tiles/{{z}}/{{x}}/{{y}}.png"
    with override_settings(MAP_TILE_URL=tiles, MAP_TILE_ATTRIBUTION="Тайлы оператора"):
        page = open_as(demo.users["kuzbass_member"].email, LEARNER_PASSWORD)
        page.goto(f"/routes/{design.id}/")
        holder = page.locator("#route-map")
        expect(holder).to_have_attribute("data-points", "3")
        expect(holder).to_have_attribute("data-legs", "2")
        expect(holder.locator(".leaflet-control-attribution")).to_contain_text("Тайлы оператора")
        first_tile = holder.locator("img.leaflet-tile").first
        expect(first_tile).to_have_attribute(
            "src", re.compile(rf"^{live_server.url}/static/operator-tiles/\d+/")
        )
        # Day 1's line and the dashed move to day 2 (a one-stop day draws no line of its own).
        expect(holder.locator("path.leaflet-interactive")).to_have_count(2)
        expect(holder.locator('path.leaflet-interactive[stroke-dasharray="6 8"]')).to_have_count(1)
