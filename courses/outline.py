"""The programme's outline as its reader sees it, beside every lesson and module and on the
programme page: the modules in order with their lessons, each lesson's state for this learner
(passed, begun, not started, locked), why a locked module is locked, and where the reader is.

Built from the cached structure and the lock rules of `selectors.program_outline` (one place
for both), plus one query for the lessons begun: a fixed number of queries whatever the size
of the programme. It returns plain dataclasses, every title read through `_title`, so the
templates need no page objects.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.languages import localized_title, page_language
from core.pages import presents

from .hooks import lessons_begun
from .models import LessonPage, ModulePage, ProgramPage
from .selectors import (
    enrolment_offer,
    lesson_state,
    module_competencies,
    module_state,
    program_outline,
    sees_everything,
)


class State(models.TextChoices):
    PASSED = "passed", _("пройден")
    BEGUN = "begun", _("в процессе")
    NOT_STARTED = "not_started", _("не начат")
    LOCKED = "locked", _("закрыт")


# How each state looks: the badge's tone (site.css) and its icon (templates/_icons.html).
LOOKS = {
    State.PASSED: ("ok", "check"),
    State.BEGUN: ("warn", "half"),
    State.NOT_STARTED: ("", "circle"),
    State.LOCKED: ("locked", "lock"),
}


@dataclass(frozen=True)
class Mark:
    """A state as a badge: its value, words, tone and icon."""

    value: str
    label: str
    tone: str
    icon: str

    @property
    def html(self) -> str:
        """The badge, built here: an include per lesson cost the page more than the rest
        of the outline together."""
        return format_html(
            '<span class="badge state {}"><svg class="icon" aria-hidden="true">'
            '<use href="#i-{}"></use></svg>{}</span>',
            self.tone,
            self.icon,
            self.label,
        )


def _mark(state: State | None) -> Mark | None:
    if state is None:
        return None
    tone, icon = LOOKS[state]
    return Mark(state.value, str(state.label), tone, icon)


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class LessonItem:
    id: int
    title: str
    url: str
    state: Mark | None  # None: the reader keeps no progress here (not enrolled, a mentor)
    current: bool


@dataclass(frozen=True)
class ModuleItem:
    id: int
    title: str
    url: str
    lessons: tuple[LessonItem, ...]
    state: Mark | None
    locked: bool
    opens_after: Link | None  # the module to finish first
    current: bool  # the page shown is this module
    here: bool  # ... or one of its lessons
    done: int
    total: int


@dataclass(frozen=True)
class Outline:
    program: Link
    modules: tuple[ModuleItem, ...]
    enrolled: bool
    can_read: bool  # False: the lessons are closed until the reader enrols
    done: int
    total: int


def _title(page) -> str:
    """The one place the outline reads a page's title: in the reader's language, a Russian
    one marked (`.lang`, see core.languages), all from one cached read per request."""
    return localized_title(page)


def _lesson_state(*, locked: bool, done: bool, begun: bool) -> State:
    if locked:
        return State.LOCKED
    if done:
        return State.PASSED
    return State.BEGUN if begun else State.NOT_STARTED


def outline(program: ProgramPage, user, *, current=None, base: dict | None = None) -> Outline:
    """The programme's outline for `user`, `current` (a module or lesson page) marked.

    `base`: the `program_outline` the caller has already read for this user (the lesson and
    module pages have), so its queries are not made twice."""
    base = base if base is not None else program_outline(program, user)
    enrolled = base["enrolled"]
    tracked = enrolled and user.is_authenticated
    begun = (
        lessons_begun(user, [item["page"].id for row in base["outline"] for item in row.lessons])
        if tracked
        else set()
    )
    current_id = current.pk if current is not None else None
    modules = []
    for row in base["outline"]:
        lessons = tuple(
            LessonItem(
                id=item["page"].id,
                title=_title(item["page"]),
                url=item["url"],
                state=_mark(
                    _lesson_state(
                        locked=row.locked, done=item["done"], begun=item["page"].id in begun
                    )
                )
                if tracked
                else None,
                current=item["page"].id == current_id,
            )
            for item in row.lessons
        )
        progress = row.progress
        if not tracked:
            state = None
        elif row.locked:
            state = State.LOCKED
        elif progress.complete:
            state = State.PASSED
        elif progress.done or any(lesson.id in begun for lesson in lessons):
            state = State.BEGUN
        else:
            state = State.NOT_STARTED
        opens_after = None
        if row.locked and row.unlocked_by is not None:
            prerequisite = next(
                (r for r in base["outline"] if r.page.id == row.unlocked_by.id), None
            )
            opens_after = Link(
                _title(row.unlocked_by), prerequisite.url if prerequisite is not None else ""
            )
        modules.append(
            ModuleItem(
                id=row.page.id,
                title=_title(row.page),
                url=row.url,
                lessons=lessons,
                state=_mark(state),
                locked=row.locked,
                opens_after=opens_after,
                current=row.page.id == current_id,
                here=row.page.id == current_id or any(lesson.current for lesson in lessons),
                done=progress.done,
                total=progress.total,
            )
        )
    return Outline(
        program=Link(_title(program), program.get_url()),
        modules=tuple(modules),
        enrolled=enrolled,
        can_read=enrolled or sees_everything(user),
        done=base["progress"].done,
        total=base["progress"].total,
    )


# The programme, its modules and lessons show the outline (see core.pages).


@presents(ProgramPage)
def program_context(program, request) -> dict:
    base = program_outline(program, request.user)
    context = {
        "progress": base["progress"],
        "next_lesson": base["next_lesson"],
        "enrolled": base["enrolled"],
        "outline": outline(program, request.user, base=base),
    }
    if not base["enrolled"]:
        context.update(enrolment_offer(program, request.user))
    return {**context, **page_language(program)}


def _with_outline(page, request, context: dict) -> dict:
    """A module's or lesson's context with the outline, built from the programme's outline
    that the state read already."""
    base = context.pop("program_outline")
    if context["program"] is not None:
        context["outline"] = outline(context["program"], request.user, current=page, base=base)
    return {**context, **page_language(page)}


@presents(ModulePage)
def module_context(module, request) -> dict:
    context = _with_outline(module, request, module_state(module, request.user))
    context["competencies"] = module_competencies(module, context["program"])
    return context


@presents(LessonPage)
def lesson_context(lesson, request) -> dict:
    return _with_outline(lesson, request, lesson_state(lesson, request.user))
