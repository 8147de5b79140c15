"""Builders for feedback threads: a route returned with comments, and its next version."""

import dataclasses

from assessments.models import Review
from assessments.services import (
    StopData,
    draft_of,
    open_thread,
    review_route,
    save_route_draft,
    submit_route,
)
from tests.builders.routes import points


def latest_version(design):
    return design.versions.filter(submitted_at__isnull=False).latest("number")


def comment_on_stop(demo, design, position=2, body="Проверьте время на «Азоте»."):
    version = latest_version(design)
    stop = version.stops.get(position=position)
    return open_thread(
        version=version, author=demo.users["mentor"], body=body, stop_key=stop.key.hex
    )


def comment_on_field(demo, design, field_name="safety_plan", body="Нет плана безопасности."):
    return open_thread(
        version=latest_version(design),
        author=demo.users["mentor"],
        body=body,
        field_name=field_name,
    )


def return_route(demo, design):
    """The mentor publishes a review of the latest version that returns it to the team."""
    review = review_route(
        version=latest_version(design),
        mentor=demo.users["mentor"],
        points=points(design),
        comment="Доработайте маршрут.",
        decision=Review.Decision.RETURN,
    )
    design.refresh_from_db()
    return review


def resubmit(demo, design, *, change=None, drop=None, **content):
    """The captain submits the next version: the draft as it stands, with a note added to the
    stop at position `change` (1-based) and the one at `drop` removed."""
    captain = demo.users["kuzbass_captain"]
    draft = draft_of(design)
    stops = [StopData.of(s) for s in draft.stops.order_by("position")]
    if change:
        stops[change - 1] = dataclasses.replace(stops[change - 1], notes="Пропуска заказаны.")
    if drop:
        del stops[drop - 1]
    save_route_draft(
        design=design, user=captain, stops=stops, lock_version=draft.lock_version, **content
    )
    submit_route(design=design, user=captain)
    design.refresh_from_db()
    return latest_version(design)
