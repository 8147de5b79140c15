import pytest

from certificates.serials import format_serial, new_verification_code, parse_serial


def test_serial_has_prefix_year_and_six_digit_number():
    assert format_serial("ПТА", 2026, 1) == "ПТА-2026-000001"
    assert format_serial("ПТА", 2026, 123) == "ПТА-2026-000123"


def test_serial_grows_past_six_digits_instead_of_wrapping():
    assert format_serial("ПТА", 2027, 1_234_567) == "ПТА-2027-1234567"


def test_serial_numbers_start_at_one():
    with pytest.raises(ValueError):
        format_serial("ПТА", 2026, 0)


def test_parse_serial_round_trips():
    assert parse_serial("ПТА-2026-000042") == ("ПТА", 2026, 42)
    assert parse_serial("not a serial") is None


def test_verification_codes_are_long_and_distinct():
    codes = {new_verification_code() for _ in range(1000)}
    assert len(codes) == 1000
    assert all(len(code) >= 24 for code in codes)
