"""The version diff's pure part: stops matched by identity, cost lines, word-level changes."""

from decimal import Decimal

from assessments.diff import diff_costs, diff_stops, diff_versions, word_diff


def stop(key, enterprise_id=None, place_name="", **extra):
    return {
        "key": key,
        "enterprise_id": enterprise_id,
        "place_name": place_name,
        "day": 1,
        "arrival_time": "10:00:00",
        "stay_minutes": 60,
        "transfer_mode": "coach",
        "transfer_minutes": 30,
        "latitude": None,
        "longitude": None,
        "notes": "",
        **extra,
    }


ROUTE = [stop("a", 1), stop("b", 2), stop("c", 3), stop("d", 4)]


def statuses(entries):
    return [(e["status"], e["old_position"], e["new_position"]) for e in entries]


def test_an_inserted_stop_is_one_insertion_and_the_later_ones_are_only_shifted():
    new = [ROUTE[0], stop("x", 9), *ROUTE[1:]]
    assert statuses(diff_stops(ROUTE, new)) == [
        ("same", 1, 1),
        ("added", None, 2),
        ("same", 2, 3),
        ("same", 3, 4),
        ("same", 4, 5),
    ]


def test_a_stop_taken_out_of_order_is_the_one_moved():
    new = [ROUTE[3], *ROUTE[:3]]
    entries = diff_stops(ROUTE, new)
    assert statuses(entries) == [("moved", 4, 1), ("same", 1, 2), ("same", 2, 3), ("same", 3, 4)]
    assert entries[0]["moved"] and entries[0]["attributes"] == []
    # Of two stops that swap, the one carried furthest is the one that moved.
    assert statuses(diff_stops(ROUTE[:3], [ROUTE[2], ROUTE[0]])) == [
        ("moved", 3, 1),
        ("same", 1, 2),
        ("removed", 2, None),
    ]


def test_a_removed_stop_stands_where_it_was_and_the_others_are_unchanged():
    new = [ROUTE[0], ROUTE[2], ROUTE[3]]
    assert statuses(diff_stops(ROUTE, new)) == [
        ("same", 1, 1),
        ("removed", 2, None),
        ("same", 3, 2),
        ("same", 4, 3),
    ]


def test_a_changed_stop_names_each_changed_attribute_once():
    new = [
        stop("a", 7, arrival_time="10:30:00", stay_minutes=90, transfer_mode="walk"),
        *ROUTE[1:],
    ]
    entries = diff_stops(ROUTE, new)
    assert entries[0]["status"] == "changed"
    changed = {c["name"]: (c["old"], c["new"]) for c in entries[0]["attributes"]}
    assert changed == {
        "place": (("enterprise", 1), ("enterprise", 7)),
        "arrival_time": ("10:00:00", "10:30:00"),
        "stay_minutes": (60, 90),
        "transfer_mode": ("coach", "walk"),
    }
    assert {e["status"] for e in entries[1:]} == {"same"}


def test_stops_without_shared_keys_are_aligned_by_place():
    older = [{k: v for k, v in s.items() if k != "key"} for s in ROUTE]
    new = [older[0], stop("fresh", None, "Кафе «Шахтёр»"), *older[1:]]
    assert [e["status"] for e in diff_stops(older, new)] == [
        "same",
        "added",
        "same",
        "same",
        "same",
    ]


def test_a_second_visit_of_a_place_is_told_from_the_first():
    older = [stop(None, 1), stop(None, 2), stop(None, 1, arrival_time="15:00:00")]
    new = [stop(None, 1), stop(None, 2), stop(None, 3), stop(None, 1, arrival_time="16:00:00")]
    entries = diff_stops(older, new)
    assert statuses(entries) == [
        ("same", 1, 1),
        ("same", 2, 2),
        ("added", None, 3),
        ("changed", 3, 4),
    ]


def test_cost_lines_are_matched_by_label_with_their_amounts_and_totals():
    costs = diff_costs(
        [{"label": "Трансфер", "amount": "1500.00"}, {"label": "Обед", "amount": "500.00"}],
        [
            {"label": "Трансфер", "amount": "1800.00"},
            {"label": "Музей", "amount": "300.00"},
            {"label": "обед ", "amount": "500.00"},
        ],
    )
    assert [(line["label"], line["status"], line["delta"]) for line in costs["lines"]] == [
        ("Трансфер", "changed", Decimal("300.00")),
        ("Музей", "added", None),
    ]
    assert (costs["old_total"], costs["new_total"]) == (Decimal("2000.00"), Decimal("2600.00"))
    removed = diff_costs([{"label": "Обед", "amount": "500"}], [])["lines"]
    assert removed == [
        {"label": "Обед", "status": "removed", "old": Decimal("500"), "new": None, "delta": None}
    ]


def test_long_texts_change_word_by_word():
    assert word_diff("Один день — три отрасли.", "Один долгий день — четыре отрасли.") == [
        ("same", "Один"),
        ("ins", " долгий"),
        ("same", " день — "),
        ("del", "три"),
        ("ins", "четыре"),
        ("same", " отрасли."),
    ]
    # Neighbouring words changed together read as one change of the phrase.
    assert word_diff("a b c d", "a x y d") == [
        ("same", "a "),
        ("del", "b c"),
        ("ins", "x y"),
        ("same", " d"),
    ]


def test_only_changed_fields_are_listed_and_long_ones_carry_their_word_changes():
    old = {"fields": {"title": "А", "narrative": "старый замысел", "season": ""}, "stops": []}
    new = {"fields": {"title": "А", "narrative": "новый замысел", "season": None}, "stops": []}
    fields = diff_versions(old, new)["fields"]
    assert [f["name"] for f in fields] == ["narrative"]
    assert fields[0]["words"] == [("del", "старый"), ("ins", "новый"), ("same", " замысел")]
