"""Search that reads Russian: each typed word is cut to its stem (Snowball's Russian stemmer)
and looked up as the start of a word, so «Кузбасс» finds «Кузбасса», «маршруты» finds
«маршрут» and a word half typed finds the whole one. The curriculum is a few hundred pages:
their plain text is read once into the structure cache (forgotten when any page is
published) and matched here, so SQLite and PostgreSQL answer alike — the databases' own
full-text search stems Russian on one and not on the other, and their prefix queries differ.
Each result says where it sits (programme, module) and shows the passage that matched, the
match marked. Lessons the reader may not open (not enrolled, or in a module still locked for
them) are left out."""

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail.models import Page

from core import cached
from core.languages import default_locale_pages

from .models import CaseStudyPage, LessonPage, ProgramPage
from .selectors import (
    STRUCTURE,
    program_of,
    program_outline,
    program_structure,
    sees_everything,
)

WORD = re.compile(r"\w+")
SNIPPET = 90  # characters either side of the first match
MIN_PREFIX = 3  # shorter stems would match half the dictionary


@lru_cache(maxsize=2)
def _stemmer(language: str):
    return snowballstemmer.stemmer(language)


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def prefixes(query: str) -> list[str]:
    """The query's words as the word starts to look for: each word's stem (lower case, «ё»
    read as «е», as the stemmer and most typists write it)."""
    found = []
    for word in WORD.findall(_fold(query))[:8]:
        language = "russian" if re.search(r"[а-я]", word) else "english"
        stem = _stemmer(language).stemWord(word)
        prefix = stem if len(stem) >= MIN_PREFIX and word.startswith(stem) else word
        if prefix not in found:
            found.append(prefix)
    return found


def _pattern(found: list[str]) -> re.Pattern:
    """Words starting with any of the prefixes, in the page's own letters (е or ё)."""
    alternatives = "|".join(re.escape(p).replace("е", "[её]") for p in found)
    return re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.IGNORECASE)


def _index() -> list[tuple[int, str, str]]:
    """(page id, folded title, folded text) of every live public page search may show."""

    def build():
        # Lessons whatever their view restrictions: who may open one is decided per reader
        # (search); programmes and case studies as the public sees them.
        # The Russian pages only: a translation lends its text but has no address of its own.
        lessons = default_locale_pages(Page.objects.live().type(LessonPage))
        others = default_locale_pages(Page.objects.live().public().type(CaseStudyPage, ProgramPage))
        return [
            (page.pk, _fold(page.title), _fold(_plain_text(page)))
            for page in (lessons | others).specific().order_by("path")
        ]

    return cached.get_or_build(STRUCTURE, "search-index", build=build)


@dataclass
class Result:
    page: Page
    kind: str
    where: list[Page]  # programme, module: the path to the page
    snippet: str


def _plain_text(page) -> str:
    parts = [page.title, getattr(page, "summary", "") or ""]
    body = getattr(page, "body", None)
    if body is not None:
        parts.extend(_strings(body.get_prep_value()))
    if isinstance(page, ProgramPage):
        parts.append(strip_tags(page.description or ""))
    return " ".join(strip_tags(p) for p in parts if p)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("id", "type"):  # a block's identity and kind are not its text
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def snippet(text: str, found: list[str]) -> str:
    """The passage around the first match, escaped, each matching word in <mark>."""
    text = " ".join(text.split())
    pattern = _pattern(found)
    first = pattern.search(text)
    if first is None:
        passage, start = text[: 2 * SNIPPET], 0
    else:
        start = max(0, first.start() - SNIPPET)
        passage = text[start : first.end() + SNIPPET]
    marked, last = [], 0
    for match in pattern.finditer(passage):
        marked.append(escape(passage[last : match.start()]))
        marked.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    marked.append(escape(passage[last:]))
    lead = "…" if start > 0 else ""
    tail = "…" if start + len(passage) < len(text) else ""
    return mark_safe(lead + "".join(marked) + tail)


def _readable_lessons(program, user) -> set[int] | None:
    """The lessons of the programme the user may open; None: all of them."""
    if sees_everything(user):
        return None
    outline = program_outline(program, user)
    if not outline["enrolled"]:
        return set()
    return {item["page"].id for row in outline["outline"] if not row.locked for item in row.lessons}


def search(query: str, user, *, limit: int = 30) -> list[Result]:
    found = prefixes(query)
    if not found:
        return []
    starts = [re.compile(rf"(?<!\w){re.escape(p)}") for p in found]
    scored = []
    for page_id, title, text in _index():
        if all(start.search(text) for start in starts):
            in_title = sum(1 for start in starts if start.search(title))
            hits = sum(len(start.findall(text)) for start in starts)
            scored.append((-in_title, -hits, page_id))
    ranked = [page_id for *_score, page_id in sorted(scored)]
    by_id = Page.objects.filter(pk__in=ranked[: limit * 2]).specific().in_bulk()
    pages = [by_id[page_id] for page_id in ranked[: limit * 2] if page_id in by_id]
    readable = {}
    results = []
    for page in pages:
        program = page if isinstance(page, ProgramPage) else program_of(page)
        where = []
        if isinstance(page, LessonPage) and program is not None:
            if program.pk not in readable:
                readable[program.pk] = _readable_lessons(program, user)
            allowed = readable[program.pk]
            if allowed is not None and page.pk not in allowed:
                continue
            modules = program_structure(program)[0]
            module = next((m for m in modules if page.path.startswith(m.path)), None)
            where = [program, *([module] if module else [])]
        kind = {LessonPage: "lesson", CaseStudyPage: "case", ProgramPage: "program"}[type(page)]
        results.append(Result(page, kind, where, snippet(_plain_text(page), found)))
        if len(results) == limit:
            break
    return results
