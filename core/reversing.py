"""URLs of one pattern for many rows with a single reverse(): a list's links (a review per
route, a reply form per thread) cost a full reverse each in a template loop (~0.1 ms)."""

from django.urls import reverse

# Placeholders put where the ids go, then swapped for format fields: distinct, none contains
# another, and any real id (these included) comes out right.
_MARKS = ("1000000007", "1000000009", "1000000021")


def url_maker(name: str, arity: int = 1):
    """A function of `arity` ids returning reverse(name, args=ids), for the active language."""
    marks = _MARKS[:arity]
    pattern = reverse(name, args=marks).replace("{", "{{").replace("}", "}}")
    for i, mark in enumerate(marks):
        pattern = pattern.replace(mark, "{" + str(i) + "}", 1)

    def url(*ids) -> str:
        assert len(ids) == arity
        return pattern.format(*(int(value) for value in ids))

    return url
