"""Numbers from the outside (query strings, form fields, URL paths) read safely.

A database id is a signed 64-bit integer: anything longer, negative or not a plain number is
no id at all, so a filter ignores it and a URL with it is a 404 — never an OverflowError or a
DataError from the database."""

import re

MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")


def as_id(value) -> int | None:
    """`value` as a database id (a positive 64-bit integer written in ASCII digits), or None."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        return None
    return number if 0 < number <= MAX_ID else None


def int_param(params, name: str) -> int | None:
    """The id in `params[name]` (request.GET, request.POST or any mapping), or None when it is
    missing, not a number, or out of the 64-bit range."""
    return as_id(params.get(name, ""))


class IdConverter:
    """`<id:name>` in URL patterns: like `<int:…>`, but a number past the 64-bit range does not
    match (a 404) instead of reaching the database."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = int(value) if len(value) <= 19 else MAX_ID + 1
        if number > MAX_ID:
            raise ValueError(value)  # no match: the resolver goes on, and ends in a 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))


class TooDeep(ValueError):
    """A JSON document nested deeper than its reader allows."""


def json_depth(text: str) -> int:
    """How deep arrays and objects nest in a JSON text, counted without parsing it (brackets
    inside strings do not count), so a hostile document is refused before any recursion."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def loads_json(text: str, *, max_depth: int = 32):
    """json.loads for text from outside: TooDeep past `max_depth` levels, ValueError if it is
    no JSON (NaN and Infinity included, which JSON does not have)."""
    import json

    if json_depth(text) > max_depth:
        raise TooDeep(max_depth)

    def no_constant(name):
        raise ValueError(name)

    return json.loads(text, parse_constant=no_constant)
