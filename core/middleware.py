"""Middleware every app relies on: the Russian-first locale and the security headers."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


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
    inline script, so injected markup cannot run), map tiles from OpenStreetMap.

    Wagtail's and Django's admins and the API docs page bring their own inline scripts and
    are left to their own headers.
    """

    EXEMPT = ("/cms/", "/django-admin/", "/api/docs/")

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = "; ".join(
            [
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self' 'unsafe-inline'",
                f"img-src 'self' data: {' '.join(settings.CSP_IMG_HOSTS)}",
                "font-src 'self'",
                "connect-src 'self'",
                "frame-src 'self'",
                "frame-ancestors 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'",
            ]
        )

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.EXEMPT):
            response.headers.setdefault("Content-Security-Policy", self.policy)
            response.headers.setdefault(
                "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
            )
        return response
