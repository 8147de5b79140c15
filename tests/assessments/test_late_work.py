"""The pure rules of late work: started days, the reduction and its cap, the cut-off."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from assessments import late_work

DEADLINE = dt.datetime(2026, 12, 20, 18, 0, tzinfo=ZoneInfo("Asia/Novokuznetsk"))


@pytest.mark.parametrize(
    ("late", "days"),
    [
        (dt.timedelta(0), 0),
        (dt.timedelta(minutes=1), 1),
        (dt.timedelta(days=1), 1),
        (dt.timedelta(days=1, seconds=1), 2),
        (-dt.timedelta(hours=3), 0),
    ],
)
def test_started_days(late, days):
    assert late_work.started_days(late) == days


def test_the_reduction_is_per_started_day_and_capped():
    def penalty(after, cap=25):
        return late_work.lateness(
            deadline=DEADLINE,
            submitted_at=DEADLINE + after,
            policy=late_work.PENALISE,
            per_day=10,
            cap=cap,
        ).penalty

    assert penalty(dt.timedelta(hours=1)) == 10
    assert penalty(dt.timedelta(days=1, hours=1)) == 20
    assert penalty(dt.timedelta(days=2, hours=1)) == 25
    assert penalty(dt.timedelta(days=30), cap=100) == 100


def test_only_penalise_reduces_and_only_accept_leaves_late_work_unmarked():
    for policy, marked in [(late_work.ACCEPT, False), (late_work.MARK, True)]:
        late = late_work.lateness(
            deadline=DEADLINE,
            submitted_at=DEADLINE + dt.timedelta(hours=2),
            policy=policy,
            per_day=10,
            cap=100,
        )
        assert (late.marked, late.penalty, late.late_by) == (marked, 0, dt.timedelta(hours=2))


def test_penalised_takes_a_percent_of_the_score_to_one_decimal():
    assert late_work.penalised(Decimal("75.0"), 10) == Decimal("67.5")
    assert late_work.penalised(Decimal("66.7"), 15) == Decimal("56.7")
    assert late_work.penalised(Decimal("80"), 0) == Decimal("80")
    assert late_work.penalised(None, 10) is None


def test_the_cutoff_keeps_the_local_clock():
    closes = late_work.cutoff(DEADLINE.astimezone(dt.UTC), 3, ZoneInfo("Asia/Novokuznetsk"))
    assert closes.isoformat() == "2026-12-23T18:00:00+07:00"
    assert late_work.cutoff(DEADLINE, None, ZoneInfo("Asia/Novokuznetsk")) is None
