"""Markup a team types stays text in the mentor's browser: nothing in it runs."""

import pytest
from playwright.sync_api import expect

from assessments.services import save_route_draft, start_route, submit_route
from demo.build import MENTOR_PASSWORD
from tests.builders.routes import kuzbass_stops, kuzbass_team_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


def test_a_route_with_script_in_every_text_field_is_inert_for_the_mentor(open_as, demo):
    team = kuzbass_team_of(demo)
    captain = team.memberships.get(role="captain").user
    design = start_route(team=team, assignment=demo.assignment)
    save_route_draft(
        design=design,
        user=captain,
        title=f"Маршрут {PAYLOAD}",
        narrative=PAYLOAD,
        meeting_point=PAYLOAD,
        safety_plan=PAYLOAD,
        stops=kuzbass_stops(demo),
        lock_version=0,
    )
    submit_route(design=design, user=captain)
    mentor = open_as("mentor@demo.test", MENTOR_PASSWORD)
    mentor.goto(f"/routes/{design.id}/review/")
    expect(mentor.get_by_text("window.__pwned=2").first).to_be_visible()  # shown as text
    mentor.wait_for_timeout(300)
    assert mentor.evaluate("() => window.__pwned === undefined")
    assert mentor.locator("main img[src=x]").count() == 0
    mentor.goto("/reviews/")
    assert mentor.evaluate("() => window.__pwned === undefined")
