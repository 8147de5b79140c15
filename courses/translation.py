"""Pages in the reader's language: the Russian page serves, its live translation lends the text.

Every address, enrolment, lock, progress row and quiz belongs to the Russian page (the
default locale). An editor translates a page in the Wagtail admin («Перевести»); when the
reader's language is another one and a live translation exists, the page shows the
translation's fields, and lists of pages show translated titles, all titles of a language read
in one query and kept with the programmes' structure (STRUCTURE, which courses.selectors
forgets whenever a page is published, moved or deleted). A page without a live translation
says so and is marked lang="ru" (templates/courses/_untranslated.html).
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models.signals import post_migrate
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Locale, Page

from core import cached

STRUCTURE = "courses:structure"  # the family courses.selectors keeps structures in
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


def _titles(language: str) -> dict:
    """translation_key → title of every live page in `language` (one query, then cached)."""
    return cached.get_or_build(
        STRUCTURE,
        "titles",
        language,
        build=lambda: dict(
            Page.objects.live()
            .filter(locale__language_code=language)
            .values_list("translation_key", "title")
        ),
    )


def localized_titles(pages) -> dict[int, tuple[str, bool]]:
    """For each page's id, (the title to show, whether it is in the reader's language): the
    translation's title where one is live, else the Russian title marked untranslated.
    No query in Russian; at most one (for all pages at once) in another language."""
    pages = [page for page in pages if page is not None]
    if in_default_language():
        return {page.pk: (page.title, True) for page in pages}
    titles = _titles(content_language())
    return {
        page.pk: (titles[page.translation_key], True)
        if page.translation_key in titles
        else (page.title, False)
        for page in pages
    }


def localized_title(page) -> tuple[str, bool]:
    return localized_titles([page])[page.pk]


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


@dataclass(frozen=True)
class Localized:
    """A page of a list (its address, its logic) and what to show of it (`content`)."""

    page: Page
    content: Page
    translated: bool

    @property
    def lang_attr(self) -> str:
        return "" if self.translated else RUSSIAN_ATTRIBUTE


def localized_pages(pages) -> list[Localized]:
    """Each page with its live translation's fields in the reader's language where there is
    one (the whole list in one query per page type; none in Russian)."""
    pages = list(pages)
    if in_default_language():
        return [Localized(page, page, True) for page in pages]
    found = {}
    for model in {type(page) for page in pages}:
        found.update(
            (translated.translation_key, translated)
            for translated in model.objects.live().filter(
                translation_key__in=[p.translation_key for p in pages if type(p) is model],
                locale__language_code=content_language(),
            )
        )
    return [
        Localized(page, found.get(page.translation_key, page), page.translation_key in found)
        for page in pages
    ]


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
    post_migrate.connect(ensure_locales, sender=sender, dispatch_uid="courses-locales")
