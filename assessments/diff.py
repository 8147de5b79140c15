"""What changed between two versions of a route: pure, over snapshot-shaped dicts
({"fields": {...}, "stops": [{...}, ...]}, as snapshots.route_snapshot makes them).

Stops are matched by their key, the identity a stop keeps across saves and versions; when
the two versions share no key at all (older data), they are aligned by place instead, so an
inserted stop reads as one insertion either way. Values stay raw here: labels and formats
for people are diff_display's job.
"""

import difflib
import re
from decimal import Decimal, InvalidOperation

# A stop's attributes in the order a person reads them. "place" stands for the enterprise
# or the named place, "coordinates" for the named place's latitude and longitude.
STOP_ATTRIBUTES = (
    "place",
    "kind",
    "coordinates",
    "day",
    "arrival_time",
    "stay_minutes",
    "transfer_mode",
    "transfer_minutes",
    "notes",
)
# Texts long enough to be compared word by word rather than shown whole, twice.
LONG_TEXTS = frozenset({"narrative", "safety_plan", "notes"})
COSTS = "cost_items"


def diff_versions(old: dict, new: dict) -> dict:
    """The changed fields, the changed cost lines and every stop of both versions.

    Fields: [{"name", "old", "new", "words"}] where words (long texts only) is word_diff's.
    Costs: see diff_costs. Stops, in the new version's order with removed ones where they
    stood: [{"status": added | removed | moved | changed | same, "moved", "old_position",
    "new_position", "old", "new", "attributes": [{"name", "old", "new", "words"}]}].
    """
    old_fields, new_fields = old["fields"], new["fields"]
    fields = []
    for name in dict.fromkeys([*old_fields, *new_fields]):
        if name == COSTS:
            continue
        a, b = old_fields.get(name), new_fields.get(name)
        if a == b or (_blank(a) and _blank(b)):
            continue
        fields.append(_change(name, a, b))
    return {
        "fields": fields,
        "costs": diff_costs(old_fields.get(COSTS) or [], new_fields.get(COSTS) or []),
        "stops": diff_stops(old["stops"], new["stops"]),
    }


def _blank(value) -> bool:
    return value is None or value == "" or value == {}


def _change(name: str, a, b) -> dict:
    words = None
    if name in LONG_TEXTS and isinstance(a or "", str) and isinstance(b or "", str):
        words = word_diff(a or "", b or "")
    return {"name": name, "old": a, "new": b, "words": words}


# Stops


def diff_stops(old: list[dict], new: list[dict]) -> list[dict]:
    """Each stop of either version with what became of it (see diff_versions)."""
    pairs = _match_by_key(old, new) or _match_by_place(old, new)
    kept = _in_order(pairs)
    by_old, by_new = dict(pairs), {j: i for i, j in pairs}
    entries = []
    for j, stop in enumerate(new):
        i = by_new.get(j)
        if i is None:
            entries.append(_entry("added", None, j, None, stop))
            continue
        attributes = [
            _change(name, a, b)
            for name in STOP_ATTRIBUTES
            if (a := _attribute(old[i], name)) != (b := _attribute(stop, name))
        ]
        moved = (i, j) not in kept
        status = "moved" if moved else "changed" if attributes else "same"
        entries.append(_entry(status, i, j, old[i], stop, attributes, moved))
    for i, stop in enumerate(old):
        if i not in by_old:
            entries.insert(
                _removed_at(entries, i, by_old, kept), _entry("removed", i, None, stop, None)
            )
    return entries


def _removed_at(entries: list[dict], i: int, by_old: dict, kept: set) -> int:
    """Where a removed stop reads best: after the stop before it that kept its place (after
    stops removed there before it), else first."""
    anchors = [by_old[k] for k in range(i) if (k, by_old.get(k)) in kept]
    at = 0
    if anchors:
        at = 1 + next(n for n, e in enumerate(entries) if e["new_position"] == anchors[-1] + 1)
    while at < len(entries) and entries[at]["status"] == "removed":
        at += 1
    return at


def _entry(status, i, j, old, new, attributes=(), moved=False) -> dict:
    return {
        "status": status,
        "moved": moved,
        "old_position": None if i is None else i + 1,
        "new_position": None if j is None else j + 1,
        "old": old,
        "new": new,
        "attributes": list(attributes),
    }


def _attribute(stop: dict, name: str):
    if name == "place":
        return _place(stop)
    if name == "coordinates":
        # An enterprise's coordinates are the catalogue's, not the team's.
        if stop.get("enterprise_id"):
            return None
        return (_number(stop.get("latitude")), _number(stop.get("longitude")))
    if name == "kind":
        return stop.get("kind") or "visit"  # snapshots from before stops had a kind
    value = stop.get(name)
    return "" if name == "notes" and value is None else value


def _place(stop: dict) -> tuple:
    if stop.get("enterprise_id"):
        return ("enterprise", stop["enterprise_id"])
    return ("place", (stop.get("place_name") or "").strip())


def _number(value):
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return value


def _identities(stops: list[dict], identity) -> list:
    """Each stop's identity with its occurrence (the second visit of a place is not the first)."""
    seen: dict = {}
    result = []
    for stop in stops:
        base = identity(stop)
        seen[base] = seen.get(base, 0) + 1
        result.append((base, seen[base]))
    return result


def _match_by_key(old, new) -> list[tuple[int, int]]:
    old_ids = {
        ident: i for i, ident in enumerate(_identities(old, lambda s: s.get("key"))) if ident[0]
    }
    return [
        (old_ids[ident], j)
        for j, ident in enumerate(_identities(new, lambda s: s.get("key")))
        if ident[0] and ident in old_ids
    ]


def _match_by_place(old, new) -> list[tuple[int, int]]:
    a, b = _identities(old, _place), _identities(new, _place)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [
        (block.a + k, block.b + k)
        for block in matcher.get_matching_blocks()
        for k in range(block.size)
    ]


def _in_order(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The largest set of matched stops whose order did not change (a longest common
    subsequence of the two orders): the others moved, these were at most shifted. Of
    equally long ones, the one whose stops shifted least: when two stops swap, the one
    carried furthest is the one that moved."""
    pairs = sorted(pairs)
    # best[n]: (length, -shift) of the best chain ending at pairs[n]; a route has at most
    # 50 stops, so the quadratic search costs nothing.
    best: list[tuple[int, int]] = []
    previous: list[int] = []
    for n, (i, j) in enumerate(pairs):
        score, before = (1, -abs(i - j)), -1
        for m in range(n):
            if pairs[m][1] < j:
                candidate = (best[m][0] + 1, best[m][1] - abs(i - j))
                if candidate > score:
                    score, before = candidate, m
        best.append(score)
        previous.append(before)
    chain: set[tuple[int, int]] = set()
    n = max(range(len(pairs)), key=lambda k: best[k], default=-1)
    while n != -1:
        chain.add(pairs[n])
        n = previous[n]
    return chain


# Costs


def diff_costs(old: list[dict], new: list[dict]) -> dict:
    """Cost lines added, removed or with another amount, matched by label (the n-th line of
    a label with the n-th), and the totals: {"lines": [{"label", "status", "old", "new",
    "delta"}], "old_total", "new_total"}; amounts are Decimals, None where absent."""
    a, b = _cost_lines(old), _cost_lines(new)
    lines = []
    for ident in dict.fromkeys([*b, *a]):
        (old_label, was), (new_label, now) = a.get(ident, (None, None)), b.get(ident, (None, None))
        if ident in a and ident in b and was == now:
            continue
        status = "added" if ident not in a else "removed" if ident not in b else "changed"
        lines.append(
            {
                "label": new_label if ident in b else old_label,
                "status": status,
                "old": was,
                "new": now,
                "delta": (now or 0) - (was or 0) if status == "changed" else None,
            }
        )
    return {
        "lines": lines,
        "old_total": sum((v for _l, v in a.values() if v is not None), Decimal(0)),
        "new_total": sum((v for _l, v in b.values() if v is not None), Decimal(0)),
    }


def _cost_lines(items: list[dict]) -> dict:
    identities = _identities(items, _cost_label)
    return {
        ident: (str(item.get("label", "")), _amount(item))
        for ident, item in zip(identities, items, strict=True)
    }


def _cost_label(item: dict) -> str:
    return " ".join(str(item.get("label", "")).split()).casefold()


def _amount(item: dict) -> Decimal | None:
    try:
        value = Decimal(str(item.get("amount")))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


# Texts

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The new text with its changes from the old as (kind, text) pieces, kind being "same",
    "del" or "ins"; words, spaces and punctuation are the units compared, and a lone space
    between two changes joins them (one change of a phrase, not a change per word)."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    runs: list[list] = []  # [equal?, old tokens, new tokens]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        runs.append([op == "equal", a[i1:i2], b[j1:j2]])
    merged: list[list] = []
    for n, run in enumerate(runs):
        between = 0 < n < len(runs) - 1 and not runs[n - 1][0] and not runs[n + 1][0]
        if run[0] and between and "".join(run[1]).isspace():
            run = [False, run[1], run[2]]
        if merged and not merged[-1][0] and not run[0]:
            merged[-1][1] += run[1]
            merged[-1][2] += run[2]
        else:
            merged.append([run[0], list(run[1]), list(run[2])])
    pieces = []
    for equal, was, now in merged:
        if equal:
            pieces.append(("same", "".join(was)))
            continue
        pieces += [(kind, "".join(t)) for kind, t in (("del", was), ("ins", now)) if t]
    return pieces
