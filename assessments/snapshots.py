"""What a route version holds, as plain data: its stops (`StopData`) and fields, and the JSON
form kept in draft snapshots and compared by the version diff."""

import json
import uuid
from dataclasses import asdict, dataclass, field, fields
from datetime import date, time
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder

from .models import RouteStop


@dataclass(frozen=True)
class StopData:
    """One stop as the team entered it: an enterprise, or another place with coordinates."""

    enterprise_id: int | None
    arrival_time: time
    stay_minutes: int
    transfer_minutes: int
    day: int = 1
    transfer_mode: str = "coach"
    place_name: str = ""
    # What the stop is for (RouteStop.Kind): a visit, a meal, the night's accommodation.
    kind: str = "visit"
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    notes: str = ""
    # The stop's identity across versions and saves: the diff matches stops by it and
    # feedback threads stay attached to it. A stop entered anew gets a new one.
    key: str = field(default_factory=lambda: uuid.uuid4().hex)

    @classmethod
    def of(cls, stop: RouteStop) -> "StopData":
        values = {f.name: getattr(stop, f.name) for f in fields(cls)}
        values["key"] = stop.key.hex if isinstance(stop.key, uuid.UUID) else stop.key
        return cls(**values)

    def as_stop(self, version, position: int) -> RouteStop:
        return RouteStop(version=version, position=position, **asdict(self))


# What a team writes in a version besides its stops.
ROUTE_FIELDS = (
    "title",
    "narrative",
    "audience",
    "audience_min_age",
    "season",
    "days",
    "group_size",
    "start_date",
    "price_per_person",
    "cost_items",
    "meeting_point",
    "safety_plan",
    "safety_answers",
)


def route_snapshot(version, stops: list[StopData], incomplete: dict | None = None) -> dict:
    data = {
        "fields": {name: getattr(version, name) for name in ROUTE_FIELDS},
        "stops": [asdict(stop) for stop in stops],
    }
    if incomplete and any(incomplete.get(part) for part in ("fields", "stops", "checklist")):
        # Typed but not valid yet (a half-filled stop): raw form values, shown again by the
        # studio; the diff and restore read only "fields" and "stops".
        data["incomplete"] = incomplete
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def route_from_snapshot(content: dict) -> tuple[dict, list[StopData]]:
    fields = dict(content["fields"])
    if fields.get("start_date"):
        fields["start_date"] = date.fromisoformat(fields["start_date"])
    if fields.get("price_per_person") is not None:
        fields["price_per_person"] = Decimal(fields["price_per_person"])
    stops = []
    for raw in content["stops"]:
        raw = dict(raw)
        raw["arrival_time"] = time.fromisoformat(raw["arrival_time"])
        for name in ("latitude", "longitude"):
            if raw.get(name) is not None:
                raw[name] = Decimal(raw[name])
        stops.append(StopData(**raw))
    return fields, stops
