"""The header's links mark the page a person is on (aria-current), so the menu says where
they are to the eye and to a screen reader alike; the breadcrumbs say how they got there."""

from dataclasses import dataclass
from typing import NamedTuple

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .. import cached
from ..languages import TRAILS, localized_titles

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


class Ancestor(NamedTuple):
    """What a trail shows of a page above: kept in the cache (family TRAILS, forgotten with
    the titles whenever a page is published, moved or deleted: core.languages)."""

    pk: int
    depth: int
    translation_key: object
    title: str
    url: str


def _ancestors(page) -> list[Ancestor]:
    return [
        Ancestor(p.pk, p.depth, p.translation_key, p.title, p.get_url())
        for p in page.get_ancestors(inclusive=True).filter(depth__gt=1)
    ]


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str


def page_trail(
    page, request=None, *, here: str = "", via: str = "", via_url: str = ""
) -> list[Crumb]:
    """The way down to a page: the site's home, then each page above it, then the page itself
    (the ancestors read once, then from the cache). `here`: an app view's own title, which
    comes last under the page (a route under its assignment), at the request's own address;
    `via`, `via_url`: an app view between the two (the route, above what changed in it)."""
    pages = cached.get_or_build(TRAILS, page.pk, build=lambda: _ancestors(page))
    titles = localized_titles(pages)  # in the reader's language, a Russian one marked
    trail = [Crumb(_("Главная") if p.depth == 2 else titles[p.pk], p.url) for p in pages]
    if via:
        trail.append(Crumb(via, via_url))
    if here:
        trail.append(Crumb(here, request.path if request is not None else ""))
    return trail


@register.inclusion_tag("includes/_breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page, here: str = "", via: str = "", via_url: str = ""):
    """`{% breadcrumbs page %}` on a page, `{% breadcrumbs assignment here=title %}` in an app
    view: the trail as an ordered list, the current page last."""
    if not page:
        return {"crumbs": []}
    request = context.get("request")
    return {"crumbs": page_trail(page, request, here=here, via=via, via_url=via_url)}
