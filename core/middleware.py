"""Middleware every app relies on: the Russian-first locale, the security headers, and the
refusal of NUL characters in request data."""

from functools import lru_cache

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from .maps import tile_origin


class RussianFirstLocaleMiddleware(LocaleMiddleware):
    """Russian unless the person chose another language with the switcher (a cookie).

    The browser's Accept-Language is not consulted: the programme is Russian-first, and a
    Russian learner on an English-language laptop should still get Russian.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class ContentSecurityPolicyMiddleware:
    """A Content-Security-Policy on the site's own pages: scripts only from this origin (no
    inline script, so injected markup cannot run), images also from the map's tile server
    (settings.MAP_TILE_URL) and any CSP_IMG_HOSTS.

    Wagtail's and Django's admins and the API docs page bring their own inline scripts and
    are left to their own headers.
    """

    EXEMPT = ("/cms/", "/django-admin/", "/api/docs/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.EXEMPT):
            response.headers.setdefault(
                "Content-Security-Policy",
                content_security_policy(settings.MAP_TILE_URL, tuple(settings.CSP_IMG_HOSTS)),
            )
            response.headers.setdefault(
                "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
            )
        return response


@lru_cache(maxsize=8)
def content_security_policy(tile_url: str, img_hosts: tuple[str, ...]) -> str:
    """The policy for a tile server and extra image hosts (cached: settings rarely change)."""
    images = " ".join(h for h in ("'self' data:", tile_origin(tile_url), *img_hosts) if h)
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            f"img-src {images}",
            "font-src 'self'",
            "connect-src 'self'",
            "frame-src 'self'",
            "frame-ancestors 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


class RefuseNulCharactersMiddleware:
    """A NUL character in a query or form value is refused with a 400 before any view runs.

    No one types it; PostgreSQL cannot store it in text (a DataError, a 500, wherever a view
    passes a raw value on), and forms refuse it already (ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        from django.core.exceptions import BadRequest

        sources = [request.GET]
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            sources.append(request.POST)
        for data in sources:
            for key, values in data.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    raise BadRequest("NUL character in request data")
        return None
