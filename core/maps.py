"""The route map's tile layer, configured in settings: which server draws the background and
the credit it asks for. Pages pass it to the map script; the CSP lets its host through."""

import re
from urllib.parse import urlsplit

from django.conf import settings


def tile_layer() -> dict[str, str]:
    return {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}


def tile_origin(url_template: str) -> str:
    """The origin a tile URL template loads from, as a CSP source: a placeholder in the host
    (Leaflet's {s} subdomains) becomes a wildcard; a same-site path gives ''."""
    parts = urlsplit(url_template)
    if not parts.scheme or not parts.netloc:
        return ""
    labels = ["*" if re.search(r"\{[^}]*\}", label) else label for label in parts.netloc.split(".")]
    return f"{parts.scheme}://{'.'.join(labels)}"
