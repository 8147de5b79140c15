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
