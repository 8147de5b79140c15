"""The one page cache of the project: whole public pages for visitors who are not signed in,
kept in the cache (Redis in production) until the content they show changes. (The maintained
package for this, wagtail-cache, supports Wagtail only below 8; we run 8.)

Only pages that look the same to every visitor are kept: a GET without a session or messages
cookie, not a preview or an htmx fragment, answered 200 with no cookie set and no CSRF token in
it (a page with a form is never kept; the language switcher is a pair of links for that reason).
The key is the language and the full path, query included (only the case studies' filters;
other queries and long addresses are answered but not kept). Any page or site published, moved
or deleted, and any cohort, region, theme, enterprise or image saved, makes every kept page
stale at once (core.cached versions); an editor's draft does not. The timeout is a backstop.

Wagtail's routing and view restrictions still run on every request, before the cache.
"""

import hashlib

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import cached

FAMILY = "public-pages"
TIMEOUT = 15 * 60
HIT_HEADER = "X-Page-Cache"
PARAMETERS = {"region", "theme"}  # the case studies' filters
# What Wagtail writes on a page when a draft is saved or the page is locked; tests hold these
# names to Wagtail's Page fields and to what a draft and a lock write.
DRAFT_ONLY = {
    "wagtail_admin_comments",
    "latest_revision_created_at",
    "draft_title",
    "latest_revision",
    "has_unpublished_changes",
    "locked",
    "locked_by",
    "locked_at",
}


def _key(request) -> str | None:
    if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return None
    if request.headers.get("HX-Request"):
        return None
    harmless = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    if set(request.COOKIES) - harmless or request.user.is_authenticated:
        return None
    path = request.get_full_path().encode()
    # Only the filters the pages know, and short addresses: made-up queries must not fill
    # the cache with copies of the same page.
    if set(request.GET) - PARAMETERS or len(path) > 300:
        return None
    return f"{translation.get_language()}:{hashlib.sha256(path).hexdigest()}"


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
    )


def serve(request, render) -> HttpResponse:
    """The page from the cache for a visitor, or `render()`'s response (kept if it may be)."""
    key = _key(request)
    if key is None:
        return render()
    found = cached.lookup(FAMILY, key)
    if found.hit:
        content, content_type = found.value
        response = HttpResponse(content, content_type=content_type)
        response[HIT_HEADER] = "hit"
    else:
        response = render()
        if hasattr(response, "render"):
            response.render()
        if _storable(request, response):
            cached.store(found, (response.content, response["Content-Type"]), timeout=TIMEOUT)
        response[HIT_HEADER] = "miss"
    # The same address shows another page to a signed-in user or in another language.
    patch_vary_headers(response, ["Cookie"])
    return response


class CachedForVisitors:
    """For a Wagtail page type whose page is the same for every visitor not signed in."""

    def serve(self, request, *args, **kwargs):
        parent = super()
        return serve(request, lambda: parent.serve(request, *args, **kwargs))


def draft_save(update_fields) -> bool:
    """A page saved only to record a draft or a lock: what visitors and learners see is the
    same. Shared with the structure cache (courses.selectors.forget_structures)."""
    return bool(update_fields) and set(update_fields) <= DRAFT_ONLY


def forget_pages(sender=None, instance=None, **kwargs) -> None:
    cached.forget(FAMILY)


# Models (besides pages and images) whose rows the cached pages show; apps add theirs with
# `forget_pages_on_change` in their AppConfig.ready(), so core names no app.
SHOWN_MODELS: set = set()


def forget_pages_on_change(*models) -> None:
    """Saving or deleting a row of one of these models makes every cached page stale."""
    SHOWN_MODELS.update(models)


def _changed(sender, instance, update_fields=None, **kwargs):
    if isinstance(instance, Page):
        if not draft_save(update_fields):
            forget_pages()
    elif sender in SHOWN_MODELS:
        forget_pages()


def connect_signals() -> None:
    forget_pages_on_change(Site, get_image_model())
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_pages, weak=False, dispatch_uid=f"public-pages-{id(signal)}")
    for signal in (post_save, post_delete):
        signal.connect(_changed, weak=False, dispatch_uid=f"public-pages-models-{id(signal)}")
