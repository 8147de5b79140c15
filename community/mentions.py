"""@mentions in board posts, with no Django in it.

A person is mentioned by their handle: the local part of their e-mail address, lower-case
(«@s.ugolnikova» for s.ugolnikova@demo.test). Names are no good as handles: Russian names
decline («Ирины», «Ирине»), repeat across a cohort and carry spaces. Where two people of a
board share a local part, each is mentioned by the whole address («@i.ivanova@mail.example»).
The board shows everyone's handle beside the form."""

import re

# A handle: letters, digits and . _ + - (an e-mail local part), optionally @domain.
MENTION = re.compile(r"(?<![\w.@])@([\w+-]+(?:\.[\w+-]+)*(?:@[\w-]+(?:\.[\w-]+)+)?)")


def handle_of(person) -> str:
    return person.email.partition("@")[0].lower()


def handles(people) -> dict[str, object]:
    """Each person by the handle that names them alone: the e-mail's local part, or the whole
    address where the local part is shared. Every address works too."""
    by_local: dict[str, list] = {}
    for person in people:
        if person.email:
            by_local.setdefault(handle_of(person), []).append(person)
    found = {}
    for local, same in by_local.items():
        if len(same) == 1:
            found[local] = same[0]
        for person in same:
            found[person.email.lower()] = person
    return found


def mentioned(text: str) -> list[str]:
    """The handles written in the text, lower-case, each once, in order (a full stop that ends
    a sentence is not part of one)."""
    seen = []
    for match in MENTION.finditer(text or ""):
        handle = match.group(1).lower().rstrip(".")
        if handle not in seen:
            seen.append(handle)
    return seen


def resolve(text: str, people) -> list:
    """The people among `people` that the text mentions, each once."""
    by_handle = handles(people)
    found = {}
    for handle in mentioned(text):
        person = by_handle.get(handle)
        if person is not None:
            found.setdefault(person.pk, person)
    return list(found.values())


def handle_list(people) -> list[tuple[object, str]]:
    """Each person with the handle to write for them (the shortest that names them alone)."""
    by_handle = handles(people)
    shortest = {}
    for handle, person in by_handle.items():
        if person.pk not in shortest or len(handle) < len(shortest[person.pk]):
            shortest[person.pk] = handle
    return [(p, shortest[p.pk]) for p in people if p.pk in shortest]
