"""The language a page is read in. The default locale's (Russian) pages serve every address,
in every language; a page's live translation in the reader's language only lends its text
(see courses.translation for lists of pages, and HomePage.route for the routing). A page
without one says so (templates/includes/untranslated.html) and its text is marked lang="ru".

Titles shown in lists, outlines and breadcrumbs come from one read of all live titles of the
reader's language, kept in the cache until a page is published, moved or deleted, and read
from there once per request.
"""

import threading

from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Locale, Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import cached
from .pagecache import draft_save

TITLES = "page-titles"
TRAILS = "page-trails"  # the breadcrumbs' ancestors (core.templatetags.navigation)

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


def serves(page) -> bool:
    """Whether the page is one that serves (of the default locale), not a translation."""
    return page.locale.language_code == settings.LANGUAGE_CODE


class Title(str):
    """A page's title as shown; `lang` is set ("ru") when it is the Russian title of a page
    read in another language, for a lang attribute around it."""

    lang = ""


def _russian(title: str) -> Title:
    marked = Title(title)
    marked.lang = settings.LANGUAGE_CODE
    return marked


# The titles this request has read, by language; None outside a request (a worker's task),
# where every read asks the cache, so a process that saw no page change never keeps old ones.
_request = threading.local()


def _titles(language: str) -> dict:
    """translation_key → title of every live page in `language` (one query, then cached)."""
    memo = getattr(_request, "titles", None)
    if memo is not None and language in memo:
        return memo[language]
    titles = cached.get_or_build(
        TITLES,
        language,
        build=lambda: dict(
            Page.objects.live()
            .filter(locale__language_code=language)
            .values_list("translation_key", "title")
        ),
    )
    if memo is not None:
        memo[language] = titles
    return titles


def localized_titles(pages) -> dict[int, Title]:
    """Each page's title in the reader's language, by page id: its live translation's where
    there is one, else its own, marked Russian. No query in Russian; in another language at
    most one for all pages of the request."""
    pages = [page for page in pages if page is not None]
    if in_default_language():
        return {page.pk: Title(page.title) for page in pages}
    titles = _titles(content_language())
    return {
        page.pk: Title(titles[page.translation_key])
        if page.translation_key in titles
        else _russian(page.title)
        for page in pages
    }


def localized_title(page) -> Title:
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


def _start_request(**kwargs) -> None:
    _request.titles = {}


def _end_request(**kwargs) -> None:
    _request.titles = None


def _forget_titles(sender=None, instance=None, update_fields=None, **kwargs) -> None:
    if instance is not None and not isinstance(instance, Page):
        return
    if draft_save(update_fields):
        return
    cached.forget(TITLES)
    cached.forget(TRAILS)
    if getattr(_request, "titles", None) is not None:
        _request.titles = {}


def connect_signals(sender) -> None:
    post_migrate.connect(ensure_locales, sender=sender, dispatch_uid="core-locales")
    request_started.connect(_start_request, dispatch_uid="titles-request-started")
    request_finished.connect(_end_request, dispatch_uid="titles-request-finished")
    for signal in (page_published, page_unpublished, post_page_move, post_save, post_delete):
        signal.connect(_forget_titles, weak=False, dispatch_uid=f"titles-{id(signal)}")
