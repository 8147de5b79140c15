"""The phase of a route assignment's peer stage for one cohort: pure, no Django.

submission → peer review → mentor grading → closed. The dates set the phase: before the peer
review opens, submission; until it closes, peer review; after, mentor grading (closed only
by hand). A move by hand (the admin or the cohort's lead mentor) holds from then on; after
it, a date boundary that passes later than the move may only carry the phase forward, never
back (a stage moved to mentor grading early stays there when the review would have opened).
"""

import datetime as dt
from collections.abc import Sequence

SUBMISSION = "submission"
PEER_REVIEW = "peer_review"
MENTOR_GRADING = "mentor_grading"
CLOSED = "closed"
ORDER = (SUBMISSION, PEER_REVIEW, MENTOR_GRADING, CLOSED)


def by_dates(now: dt.datetime, *, opens: dt.datetime, closes: dt.datetime | None) -> str:
    """The phase the dates alone give (`closes` None: the peer review never closes by date)."""
    if now < opens:
        return SUBMISSION
    if closes is None or now < closes:
        return PEER_REVIEW
    return MENTOR_GRADING


def effective_phase(
    now: dt.datetime,
    *,
    opens: dt.datetime,
    closes: dt.datetime | None,
    moves: Sequence[tuple[dt.datetime, str]] = (),
) -> str:
    """The phase in force at `now`, from the dates and the moves by hand (when, to what),
    oldest first (see the module's rule)."""
    dated = by_dates(now, opens=opens, closes=closes)
    moves = [m for m in moves if m[0] <= now]
    if not moves:
        return dated
    at, phase = moves[-1]
    passed = any(at < boundary <= now for boundary in (opens, closes) if boundary is not None)
    if passed and ORDER.index(dated) > ORDER.index(phase):
        return dated
    return phase
