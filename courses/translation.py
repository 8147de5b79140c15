"""Lists of pages in the reader's language: translated titles and fields in bulk.

An editor translates a page in the Wagtail admin («Перевести»); a reader of another language
gets the Russian page with its live translation's text (core.languages). Lists of pages
(programmes, modules, lessons, case studies, search results, the dashboard) show translated
titles: all live titles of a language read in one query and kept with the programmes'
structure (STRUCTURE, which courses.selectors forgets whenever a page is published, moved or
deleted). A title left in Russian is marked lang="ru" ({% page_title %}).
"""

from dataclasses import dataclass

from wagtail.models import Page

from core import cached
from core.languages import RUSSIAN_ATTRIBUTE, content_language, in_default_language

STRUCTURE = "courses:structure"  # the family courses.selectors keeps structures in


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
