"""The language a page is read in. The default locale's (Russian) pages serve every address,
in every language; a page's live translation in the reader's language only lends its text
(see courses.translation for lists of pages, and HomePage.route for the routing). A page
without one says so (templates/includes/untranslated.html) and its text is marked lang="ru".
"""

from django.conf import settings
from django.db.models.signals import post_migrate
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Locale

RUSSIAN_ATTRIBUTE = mark_safe(f' lang="{settings.LANGUAGE_CODE}"')


def content_language() -> str:
    """The language pages are read in: the active one if pages exist in it, else Russian."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    known = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    return language if language in known else settings.LANGUAGE_CODE


def in_default_language() -> bool:
    return content_language() == settings.LANGUAGE_CODE


def default_locale_pages(queryset):
    """Only the pages that serve (the default locale's), not their translations."""
    return queryset.filter(locale__language_code=settings.LANGUAGE_CODE)


def translation_of(page):
    """The page's live translation in the reader's language (the specific page), or None
    when there is none or the reader reads Russian."""
    if in_default_language() or page is None:
        return None
    return (
        type(page)
        .objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=content_language())
        .exclude(pk=page.pk)
        .first()
    )


def page_language(page) -> dict:
    """What a page's template needs to show it in the reader's language: `content` (the
    translation, or the page itself), `content_language`, `untranslated` (a reader of another
    language gets the Russian page with a notice) and `lang_attr` (' lang="ru"' then, for the
    elements that show the page's own text). One query in another language, none in Russian."""
    found = translation_of(page)
    untranslated = found is None and not in_default_language()
    return {
        "content": found or page,
        "content_language": settings.LANGUAGE_CODE if found is None else content_language(),
        "untranslated": untranslated,
        "lang_attr": RUSSIAN_ATTRIBUTE if untranslated else "",
    }


def ensure_locales(**kwargs) -> None:
    """Every content language has its Wagtail locale, so an editor can translate a page at
    once (Wagtail's own migration makes only the default one)."""
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def connect_signals(sender) -> None:
    post_migrate.connect(ensure_locales, sender=sender, dispatch_uid="core-locales")
