"""`make bench` reports the checker's rate times the CPU reference, a figure that holds on a
slow hour as well as a fast one."""

from bench import reference


def test_the_normalised_rate_is_the_rate_times_the_cpu_reference(monkeypatch):
    monkeypatch.setattr(reference, "cpu_reference", lambda: 0.60)
    # The slow-hour measurement of the issue: 3,192/s at 0.60 s is below the 2,200 goal.
    assert round(reference.normalised(3_192)) == 1_915
    monkeypatch.setattr(reference, "cpu_reference", lambda: 0.22)
    assert round(reference.normalised(12_370)) == 2_721
