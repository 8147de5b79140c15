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

        from .privacy import current_policy, needs_consent

        if (
            request.user.is_authenticated
            and not request.path.startswith(self.EXEMPT)
            and needs_consent(request.user)
        ):
            policy = current_policy()
            if request.path != policy.url:
                return redirect(f"/consent/?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
