"""Work handed in after the deadline: the hard cut-off, how late a version is, and the score
reduction it earns. Pure, no Django."""

import datetime as dt
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ACCEPT = "accept"  # late work is taken as if on time
MARK = "mark"  # late work is marked late
PENALISE = "penalise"  # marked late, and the score reduced per started day

DAY = dt.timedelta(days=1)


def cutoff(deadline: dt.datetime, days: int | None, zone: dt.tzinfo) -> dt.datetime | None:
    """`days` after `deadline` by the wall clock of `zone` (so 18:00 stays 18:00 local), or
    None when there is no cut-off."""
    if days is None:
        return None
    return deadline.astimezone(zone) + dt.timedelta(days=days)


def started_days(late_by: dt.timedelta) -> int:
    """Whole days begun: a minute late is one, 24 h and a minute is two."""
    return math.ceil(late_by / DAY) if late_by > dt.timedelta(0) else 0


@dataclass(frozen=True)
class Lateness:
    late_by: dt.timedelta | None  # None when on time
    marked: bool
    penalty: int  # percent of the score taken off


def lateness(
    *, deadline: dt.datetime, submitted_at: dt.datetime, policy: str, per_day: int, cap: int
) -> Lateness:
    """How late a version handed in at `submitted_at` is, whether it is marked, and the
    reduction: `per_day` % per started day, at most `cap` %, under PENALISE only."""
    if submitted_at <= deadline:
        return Lateness(late_by=None, marked=False, penalty=0)
    late_by = submitted_at - deadline
    penalty = min(per_day * started_days(late_by), cap, 100) if policy == PENALISE else 0
    return Lateness(late_by=late_by, marked=policy != ACCEPT, penalty=max(penalty, 0))


def penalised(score: Decimal | None, penalty: int) -> Decimal | None:
    """The score less `penalty` percent of it, to one decimal (as rubric scores are)."""
    if score is None or not penalty:
        return score
    reduced = Decimal(score) * (100 - penalty) / 100
    return reduced.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
