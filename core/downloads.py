"""Content-Disposition for downloads whose names are not ASCII (RFC 6266, RFC 8187).

Browsers read `filename*=UTF-8''…`; older clients that do not get the ASCII `filename="…"`
beside it (the name transliterated), so the file name survives everywhere.
"""

from urllib.parse import quote

# Russian letters in Latin, after ГОСТ 7.79-2000 system B (ъ and ь dropped, not marked).
_LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e yo zh z i j k l m n o p r s t u f x c ch sh shh  y  e yu ya".split(" "),
        strict=True,
    )
)


def ascii_fallback(filename: str) -> str:
    """The name with Russian letters in Latin and anything else not printable ASCII as `_`."""
    out = []
    for char in filename:
        latin = _LATIN.get(char.lower())
        if latin is not None:
            out.append(latin.capitalize() if char.isupper() and latin else latin)
        elif " " <= char <= "~" and char not in '"\\':
            out.append(char)
        else:
            out.append("_")
    return "".join(out)


def content_disposition(filename: str, *, as_attachment: bool = True) -> str:
    """`attachment; filename="ASCII"; filename*=UTF-8''percent-encoded`."""
    disposition = "attachment" if as_attachment else "inline"
    fallback = ascii_fallback(filename)
    if fallback == filename:
        return f'{disposition}; filename="{filename}"'
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
