"""Members' contribution to a team's route, in the manner of WebPA: pure, no Django.

Each member rates every member of the team (themselves included). A rater's marks are
normalised to fractions of what they gave in all, so a generous rater weighs no more than a
strict one; a member's factor is the sum of the fractions they received, scaled by the team's
size over the number of members who rated (WebPA's correction for those who did not). A factor
of 1 is an even share; the suggested score is the team's score times the factor, at most 100.
The factor is a suggestion for the mentor, never applied by itself.
"""

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

ONE_PLACE = Decimal("0.1")


def webpa_factors(
    members: Iterable[int], ratings: Mapping[tuple[int, int], int]
) -> dict[int, Decimal | None]:
    """The factor of each member (None for all while nobody has rated).

    `ratings` maps (rater, rated) to the rater's mark for the rated member; marks from or for
    people outside `members` are ignored, and so is a rater whose marks add up to nothing.
    """
    members = list(dict.fromkeys(members))
    team = set(members)
    given: dict[int, dict[int, Decimal]] = {}
    for (rater, rated), mark in ratings.items():
        if rater in team and rated in team and mark > 0:
            given.setdefault(rater, {})[rated] = Decimal(mark)
    raters = given  # only marks above zero: every rater here gave something
    if not raters:
        return dict.fromkeys(members)
    received = dict.fromkeys(members, Decimal(0))
    for marks in raters.values():
        total = sum(marks.values())
        for rated, mark in marks.items():
            received[rated] += mark / total
    scale = Decimal(len(members)) / len(raters)
    return {
        member: (received[member] * scale).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        for member in members
    }


def suggested_score(team_score: Decimal | None, factor: Decimal | None) -> Decimal | None:
    """The team's score weighted by the member's factor, at most 100 (None if either is)."""
    if team_score is None or factor is None:
        return None
    return min(Decimal(100), team_score * factor).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)
