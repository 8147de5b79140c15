"""Scores, points and percentages as people read them, in the active language: «87,5 из 100»,
«60 из 100», «87,5 %» in Russian (a decimal comma, a non-breaking space before the sign),
«87.5 out of 100», «87.5%» in English. At most one decimal, none when the figure is whole
(«100», never «100,0»). Only for what people read: exports and the API keep machine numbers.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import override

MISSING = "—"


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None


def number(value, *, places: int = 1, language: str | None = None) -> str:
    """A figure rounded half up to at most `places` decimals, without a trailing «,0», with the
    decimal separator of `language` (the active one when None); «—» for None."""
    figure = _decimal(value)
    if figure is None:
        return MISSING
    rounded = figure.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        text = f"{rounded:.0f}"
    else:
        text = f"{rounded.normalize():f}"
    if text == "-0":
        text = "0"
    separator = formats.get_format("DECIMAL_SEPARATOR", lang=language)
    return text.replace(".", separator)


def score(value, *, out_of=100) -> str:
    """A score on a scale: «87,5 из 100» / «87.5 out of 100»; «—» for None."""
    if _decimal(value) is None:
        return MISSING
    return _("%(score)s из %(out_of)s") % {"score": number(value), "out_of": number(out_of)}


def percent(value) -> str:
    """A percentage: «87,5 %» (a non-breaking space) / «87.5%»; «—» for None."""
    if _decimal(value) is None:
        return MISSING
    return _("%(number)s\u00a0%%") % {"number": number(value)}


def russian_number(value, *, places: int = 1) -> str:
    """The figure as a Russian document writes it, whatever the interface language."""
    with override("ru"):
        return number(value, places=places, language="ru")
