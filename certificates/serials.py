"""Certificate serials and verification codes: pure functions, no Django."""

import re
import secrets

_SERIAL = re.compile(r"^(?P<prefix>[^\W\d_]+)-(?P<year>\d{4})-(?P<number>\d{6,})$")


def format_serial(prefix: str, year: int, number: int) -> str:
    """`ПТА-2026-000001`: prefix, year of issue, the year's running number (6 digits or more)."""
    if number < 1:
        raise ValueError("serial numbers start at 1")
    return f"{prefix}-{year:04d}-{number:06d}"


def parse_serial(serial: str) -> tuple[str, int, int] | None:
    match = _SERIAL.match(serial.strip())
    if not match:
        return None
    return match["prefix"], int(match["year"]), int(match["number"])


def new_verification_code() -> str:
    """A long random code for the public verification URL (not guessable from the serial)."""
    return secrets.token_urlsafe(18)
