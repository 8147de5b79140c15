"""The CPU reference: a machine's speed in one number, so figures from different machines (or
one machine on a busy hour) can be compared."""

import time
from functools import lru_cache


@lru_cache(maxsize=1)
def cpu_reference() -> float:
    """Seconds for 10 million Python additions (best of 3); measured once per run."""
    best = float("inf")
    for _ in range(3):
        start, total = time.perf_counter(), 0
        for i in range(10_000_000):
            total += i
        best = min(best, time.perf_counter() - start)
    return best


def normalised(rate_per_second: float) -> float:
    """A rate times the CPU reference: about the same on a fast and a slow hour (goals on it
    hold whatever the machine's load)."""
    return rate_per_second * cpu_reference()
