"""Rubric arithmetic: pure, no Django."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class CriterionMark:
    weight: int
    points: int
    max_points: int


def weighted_score(marks: Iterable[CriterionMark]) -> Decimal:
    """The weighted rubric score on a 0–100 scale, rounded to one decimal.

    Each criterion contributes weight × points / max_points; the sum is divided by
    the total weight. Raises ValueError on points outside 0..max_points or no marks.
    """
    total_weight = 0
    acc = Decimal(0)
    for mark in marks:
        if mark.weight <= 0 or mark.max_points <= 0:
            raise ValueError("weights and maximum points must be positive")
        if not 0 <= mark.points <= mark.max_points:
            raise ValueError(f"points {mark.points} outside 0..{mark.max_points}")
        total_weight += mark.weight
        acc += Decimal(mark.weight) * Decimal(mark.points) / Decimal(mark.max_points)
    if total_weight == 0:
        raise ValueError("a rubric score needs at least one criterion")
    score = acc * 100 / total_weight
    return score.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


LOGISTICS_CODES = frozenset(
    {
        "transfer_too_short",
        "arrives_late",
        "closed_day",
        "outside_hours",
        "off_slot",
        "day_too_long",
        "no_meal",
        "no_accommodation",
        "beyond_last_day",
        "clash",
        "no_stops",
    }
)
# The safety measure counts each checklist item left open (one warning each) and the
# admission errors.
SAFETY_CODES = frozenset({"safety_item_open", "too_young", "group_too_large", "booking_too_late"})
MEASURES = {"logistics": LOGISTICS_CODES, "safety": SAFETY_CODES}


def suggest_level(max_points: int, measure: str, findings: list[dict]) -> int | None:
    """A level for a measurable criterion: the top, less 2 per error and 1 per warning."""
    codes = MEASURES.get(measure)
    if codes is None:
        return None
    penalty = sum(2 if f["severity"] == "error" else 1 for f in findings if f["code"] in codes)
    return max(0, max_points - penalty)
