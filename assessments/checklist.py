"""A site's safety requirements as checklist items, and the team's answers to them: pure, no
Django (the checker, the studio form and the review page share it).

Each PPE item, each document, the briefing and the photo rule of an enterprise is one item
with a key that stays the same while its text does: answers are kept by key on the route
version, so a requirement reworded by the site is asked again.
"""

import hashlib
import re
from collections.abc import Mapping
from typing import NamedTuple

# How a team meets an item (the studio's three choices).
BY_SITE, BY_GROUP, NOT_NEEDED = "site", "group", "not_needed"
HOW = (BY_SITE, BY_GROUP, NOT_NEEDED)
# The item kinds, in the order the studio lists them.
PPE, DOCUMENT, BRIEFING, PHOTO = "ppe", "document", "briefing", "photo"

_SEPARATORS = re.compile(r"[,;\n]+")


# The words of ours in an item's label (the adapter translates them: route_findings).
BRIEFING_LABEL = "инструктаж по безопасности"
PHOTO_LABEL = "правила съёмки: %(rule)s"


class SafetyItem(NamedTuple):
    key: str
    kind: str
    label: str  # Russian, as the site states it: «каска», «список группы …»
    detail: str = ""  # the site's own text inside a label of ours (the photo rule)


def _key(enterprise_id: int, kind: str, text: str) -> str:
    normal = " ".join(text.lower().split())
    digest = hashlib.sha1(normal.encode()).hexdigest()[:10]
    return f"{enterprise_id}-{kind}-{digest}"


def _label(text: str) -> str:
    text = " ".join(text.split()).rstrip(".")
    # «Каска» reads as «каска» after a colon; «СИЗ», «ID-карта» keep their capitals.
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text


def _parts(text: str) -> list[str]:
    return [part.strip() for part in _SEPARATORS.split(text or "") if part.strip()]


def items_for(
    enterprise_id: int,
    *,
    ppe: str = "",
    documents: str = "",
    rules: str = "",
    photo: str = "",
) -> tuple[SafetyItem, ...]:
    """The checklist of one enterprise: a PPE item and a document per listed entry, the
    briefing when the site has safety rules, the photo rule when it has one."""
    items = [SafetyItem(_key(enterprise_id, PPE, p), PPE, _label(p)) for p in _parts(ppe)]
    items += [
        SafetyItem(_key(enterprise_id, DOCUMENT, d), DOCUMENT, _label(d)) for d in _parts(documents)
    ]
    if rules.strip():
        items.append(SafetyItem(_key(enterprise_id, BRIEFING, rules), BRIEFING, BRIEFING_LABEL))
    if photo.strip():
        items.append(
            SafetyItem(
                _key(enterprise_id, PHOTO, photo),
                PHOTO,
                PHOTO_LABEL % {"rule": _label(photo)},
                _label(photo),
            )
        )
    seen: set[str] = set()
    return tuple(i for i in items if not (i.key in seen or seen.add(i.key)))


def answer_problem(answer) -> str | None:
    """Why an answer does not count, or None when it does: "not_answered" (no choice, or an
    unknown one) or "no_reason" (a «not needed» without its reason)."""
    if not isinstance(answer, Mapping) or answer.get("how") not in HOW:
        return "not_answered"
    if answer["how"] == NOT_NEEDED and not str(answer.get("reason") or "").strip():
        return "no_reason"
    return None


def answered_keys(answers: Mapping | None) -> frozenset[str]:
    """The keys of the items whose answers count (see answer_problem)."""
    return frozenset(k for k, a in (answers or {}).items() if answer_problem(a) is None)
