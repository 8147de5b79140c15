from django import template

from core.maps import tile_layer

register = template.Library()


@register.simple_tag
def map_tiles() -> dict[str, str]:
    """The tile server and its credit from settings, for the route map's data attributes."""
    return tile_layer()
