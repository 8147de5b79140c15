"""Lists of pages in the reader's language: each page with its live translation's fields.

An editor translates a page in the Wagtail admin («Перевести»); a reader of another language
gets the Russian page with its translation's text (core.languages, which also gives titles in
bulk: core.languages.localized_titles, {% page_title %}).
"""

from dataclasses import dataclass

from wagtail.models import Page

from core.languages import RUSSIAN_ATTRIBUTE, content_language, in_default_language


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
