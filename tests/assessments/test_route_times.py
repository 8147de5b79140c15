"""Every time on a route's pages (studio, review page, review queue) is told by the clock of
the assignment's zone, with the zone named, not the server's."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from tests.builders.routes import build_submitted_route
from tests.helpers import login


def test_a_submission_is_timed_in_the_assignments_zone_everywhere(client, demo):
    demo.assignment.time_zone = "Asia/Novokuznetsk"  # Кузбасс, UTC+7
    demo.assignment.save_revision().publish()
    moscow_noon = dt.datetime(2026, 11, 20, 12, 0, tzinfo=ZoneInfo("Europe/Moscow"))
    with time_machine.travel(moscow_noon, tick=False):
        design = build_submitted_route(demo)

    login(client, demo.users["kuzbass_member"])
    studio = client.get(reverse("assessments:studio", args=[design.id])).content.decode()
    assert "Версия 1 — отправлена 20 ноября 2026, 16:00 (Asia/Novokuznetsk)" in studio

    login(client, demo.users["mentor"])
    review = client.get(reverse("assessments:review", args=[design.id])).content.decode()
    assert "версия 1, отправлена 20 ноября 2026, 16:00 (Asia/Novokuznetsk)" in review
    queue = client.get(reverse("assessments:review_queue")).content.decode()
    assert '20 ноября, 16:00 <span class="meta">(Asia/Novokuznetsk)</span>' in queue
    assert "12:00" not in queue.split("<tbody>", 1)[1]
