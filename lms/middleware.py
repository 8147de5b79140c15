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


class ConsentMiddleware:
    """A signed-in user who has not agreed to the current personal-data policy is asked to
    before anything else (152-ФЗ); republishing the policy asks everyone again."""

    EXEMPT = ("/consent/", "/accounts/logout/", "/static/", "/media/", "/i18n/", "/cms/", "/api/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.shortcuts import redirect
        from django.utils.http import urlencode

        from .privacy import needs_consent, policy_to_accept

        if (
            request.user.is_authenticated
            and not request.path.startswith(self.EXEMPT)
            and needs_consent(request)
        ):
            policy = policy_to_accept(request.user)
            if policy is not None and request.path != policy.url:
                return redirect(f"/consent/?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """A Content-Security-Policy on the site's own pages: scripts only from this origin (no
    inline script, so injected markup cannot run), map tiles from OpenStreetMap.

    Wagtail's and Django's admins and the API docs page bring their own inline scripts and
    are left to their own headers.
    """

    EXEMPT = ("/cms/", "/django-admin/", "/api/docs/")

    def __init__(self, get_response):
        from django.conf import settings

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
