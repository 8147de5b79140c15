"""The version diff for people: what diff.diff_versions found, with labels in the reader's
language and values as people write them (enterprise names, HH:MM, minutes, choice labels,
dates and prices in the locale's format)."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import RouteDesignVersion, RouteStop

STOP_LABELS = {
    "coordinates": gettext_lazy("координаты"),
    "kind": RouteStop._meta.get_field("kind").verbose_name,
    "day": RouteStop._meta.get_field("day").verbose_name,
    "arrival_time": RouteStop._meta.get_field("arrival_time").verbose_name,
    "stay_minutes": gettext_lazy("на месте"),
    "transfer_mode": RouteStop._meta.get_field("transfer_mode").verbose_name,
    "transfer_minutes": gettext_lazy("переезд к следующей"),
    "notes": RouteStop._meta.get_field("notes").verbose_name,
}


def present(changes: dict, names: dict[int, str]) -> dict:
    """`changes` as diff.diff_versions returns it, each value formatted and each field
    labelled; `names` maps the enterprises' ids to their names."""
    fields = [
        {
            "label": capfirst(RouteDesignVersion._meta.get_field(change["name"]).verbose_name),
            "old": _field_value(change["name"], change["old"]),
            "new": _field_value(change["name"], change["new"]),
            "words": change["words"],
        }
        for change in changes["fields"]
    ]
    costs = changes["costs"]
    stops = [_stop(entry, names) for entry in changes["stops"]]
    counts = {status: 0 for status in ("added", "removed", "moved", "changed")}
    for entry in stops:
        if entry["status"] in counts:
            counts[entry["status"]] += 1
        if entry["moved"] and entry["attributes"]:
            counts["changed"] += 1
    return {
        "fields": fields,
        "costs": {
            "lines": [
                {
                    **line,
                    "old": _money(line["old"]),
                    "new": _money(line["new"]),
                    "delta": _money(line["delta"], signed=True),
                }
                for line in costs["lines"]
            ],
            "old_total": _money(costs["old_total"]),
            "new_total": _money(costs["new_total"]),
        },
        "stops": stops,
        "counts": counts,
        "stops_changed": any(counts.values()),
    }


def _field_value(name: str, value) -> str:
    if value is None or value == "":
        return ""
    if name == "audience":
        try:
            return str(RouteDesignVersion.Audience(value).label)
        except ValueError:
            return str(value)
    if name == "start_date":
        try:
            return date_format(dt.date.fromisoformat(str(value)), "DATE_FORMAT")
        except ValueError:
            return str(value)
    if name == "price_per_person":
        return _money(value)
    if name == "safety_answers":
        return _("ответов в чек-листе безопасности: %(count)s") % {"count": len(value)}
    if isinstance(value, int):
        return number_format(value)
    return str(value)


def _money(value, *, signed: bool = False) -> str:
    if value is None:
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    text = number_format(amount, decimal_pos=2, force_grouping=True)
    return f"+{text}" if signed and amount > 0 else text.replace("-", "−")


def _stop(entry: dict, names: dict[int, str]) -> dict:
    stop = entry["new"] or entry["old"]
    attributes = []
    for change in entry["attributes"]:
        name = change["name"]
        attributes.append(
            {
                "label": capfirst(_stop_label(name, entry)),
                "old": _stop_value(name, entry["old"], names),
                "new": _stop_value(name, entry["new"], names),
                "words": change["words"],
            }
        )
    return {
        "status": entry["status"],
        "moved": entry["moved"],
        "old_position": entry["old_position"],
        "new_position": entry["new_position"],
        "name": _place_name(stop, names),
        "when": _when(stop),
        "attributes": attributes,
    }


def _stop_label(name: str, entry: dict) -> str:
    if name != "place":
        return STOP_LABELS[name]
    if all(stop.get("enterprise_id") for stop in (entry["old"], entry["new"])):
        return RouteStop._meta.get_field("enterprise").verbose_name
    return _("место")


def _stop_value(name: str, stop: dict, names: dict[int, str]) -> str:
    if name == "place":
        return _place_name(stop, names)
    if name == "coordinates":
        lat, lon = stop.get("latitude"), stop.get("longitude")
        if lat is None or lon is None:
            return ""
        return f"{number_format(Decimal(str(lat)), 6)}, {number_format(Decimal(str(lon)), 6)}"
    value = stop.get(name)
    if value is None or value == "":
        return ""
    if name == "arrival_time":
        return _hh_mm(value)
    if name in ("stay_minutes", "transfer_minutes"):
        return _("%(minutes)s мин") % {"minutes": number_format(value)}
    for field, choices in (("transfer_mode", RouteStop.Transfer), ("kind", RouteStop.Kind)):
        if name == field:
            try:
                return str(choices(value).label)
            except ValueError:
                return str(value)
    return str(value)


def _place_name(stop: dict, names: dict[int, str]) -> str:
    if stop.get("enterprise_id"):
        return names.get(stop["enterprise_id"]) or _("предприятие удалено из каталога")
    return stop.get("place_name") or "—"


def _hh_mm(value) -> str:
    try:
        return dt.time.fromisoformat(str(value)).strftime("%H:%M")
    except ValueError:
        return str(value)


def _when(stop: dict) -> str:
    return _("день %(day)s, %(time)s") % {
        "day": stop.get("day") or 1,
        "time": _hh_mm(stop.get("arrival_time")),
    }
