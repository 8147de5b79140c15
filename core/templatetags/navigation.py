"""The header's links mark the page a person is on (aria-current), so the menu says where
they are to the eye and to a screen reader alike."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_link(context, url_name: str, label: str, *, icon: str = "", also: str = ""):
    """A link to a named URL, marked as current when the request is at or under it (or under
    one of the comma-separated path prefixes in `also`: pages the section owns elsewhere)."""
    try:
        url = reverse(url_name)
    except NoReverseMatch:
        url = url_name  # a plain path, such as /cases/
    request = context.get("request")
    path = request.path if request is not None else ""
    prefixes = [url, *(p for p in also.split(",") if p)]
    current = path == "/" if url == "/" else any(path.startswith(p) for p in prefixes)
    glyph = (
        format_html('<svg class="icon" aria-hidden="true"><use href="#i-{}"></use></svg>', icon)
        if icon
        else ""
    )
    return format_html(
        '<a href="{}"{}>{}<span>{}</span></a>',
        url,
        format_html(' aria-current="page"') if current else "",
        glyph,
        label,
    )
