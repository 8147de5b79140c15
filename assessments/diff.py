"""What changed between two versions of a route: pure, over plain data."""

FIELD_LABELS = {
    "title": "Название",
    "narrative": "Замысел",
    "audience": "Аудитория",
    "audience_min_age": "Возраст младших гостей",
    "season": "Сезон",
    "days": "Дней",
    "group_size": "Группа",
    "start_date": "Дата поездки",
    "price_per_person": "Цена на человека",
    "cost_items": "Статьи затрат",
    "meeting_point": "Место сбора",
    "safety_plan": "План безопасности",
}
STOP_KEYS = (
    "enterprise_id",
    "place_name",
    "day",
    "arrival_time",
    "stay_minutes",
    "transfer_mode",
    "transfer_minutes",
    "notes",
)


def diff_versions(old: dict, new: dict, names: dict | None = None) -> dict:
    """Fields that changed (label, old, new) and stops added, removed or changed by position.

    `old` and `new` have the shape {"fields": {...}, "stops": [{...}, ...]}; `names` maps an
    enterprise id to its name for readable stop labels.
    """
    names = names or {}

    def label(stop):
        return names.get(stop.get("enterprise_id")) or stop.get("place_name") or "—"

    fields = [
        (FIELD_LABELS.get(key, key), old["fields"].get(key), new["fields"].get(key))
        for key in FIELD_LABELS
        if old["fields"].get(key) != new["fields"].get(key)
    ]
    stops = []
    for position in range(max(len(old["stops"]), len(new["stops"]))):
        a = old["stops"][position] if position < len(old["stops"]) else None
        b = new["stops"][position] if position < len(new["stops"]) else None
        if a is None:
            stops.append({"position": position + 1, "change": "added", "new": label(b)})
        elif b is None:
            stops.append({"position": position + 1, "change": "removed", "old": label(a)})
        else:
            changed = [key for key in STOP_KEYS if a.get(key) != b.get(key)]
            if changed:
                stops.append(
                    {
                        "position": position + 1,
                        "change": "changed",
                        "old": label(a),
                        "new": label(b),
                        "details": [(key, a.get(key), b.get(key)) for key in changed],
                    }
                )
    return {"fields": fields, "stops": stops}
