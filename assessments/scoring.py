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


def grading_grade(marks: dict, reference: dict) -> Decimal:
    """How close a peer review came to the reference (the mentor's), 0–100, one decimal:
    100 less the weighted mean distance between the two on each criterion, each distance
    as a share of the criterion's scale (Moodle Workshop's «comparison with the best
    assessment», the mentor's being the best). Equal scores give 100.

    `marks`: the peer's CriterionMark by criterion; `reference`: the mentor's points by the
    same keys; criteria the reference did not score are left out. Raises ValueError when
    nothing is left to compare."""
    total_weight = 0
    distance = Decimal(0)
    for key, mark in marks.items():
        if key not in reference:
            continue
        total_weight += mark.weight
        gap = abs(Decimal(mark.points) - Decimal(reference[key])) / Decimal(mark.max_points)
        distance += Decimal(mark.weight) * min(gap, Decimal(1))
    if total_weight == 0:
        raise ValueError("no criterion in common with the reference")
    grade = 100 - distance * 100 / total_weight
    return grade.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def blended_score(
    mentor: Decimal | None,
    *,
    peer: Decimal | None,
    peer_weight: int,
    grading: Decimal | None,
    grading_weight: int,
) -> Decimal | None:
    """The project score with its peer parts: the mentor's score carries what the peer
    reviews (`peer_weight` %) and the team's own grading grade (`grading_weight` %) do not.
    A part that is missing (no peer review of the route, nothing of the team's to compare)
    gives its weight back to the mentor's. None while the mentor has no score."""
    if mentor is None:
        return None
    parts = [(peer, peer_weight), (grading, grading_weight)]
    used = [(value, weight) for value, weight in parts if value is not None and weight]
    if not used:
        return mentor
    rest = 100 - sum(weight for _, weight in used)
    total = Decimal(mentor) * rest + sum(Decimal(v) * w for v, w in used)
    return (total / 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
