"""Read queries for the curriculum pages, each a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import cached
from core.languages import (
    RUSSIAN_ATTRIBUTE,
    content_language,
    default_locale_pages,
    in_default_language,
    page_language,
)
from core.pagecache import draft_save
from core.pages import presents
from core.params import int_param
from lms.models import Region
from lms.roles import CERTIFICATE_ADMIN, MENTOR, has_role

from .hooks import lesson_parts
from .models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    Competency,
    Enrollment,
    EnrollmentRequest,
    HomePage,
    LessonPage,
    LessonProgress,
    ModulePage,
    ProgramPage,
    Theme,
)
from .translation import localized_pages


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done >= self.total


@dataclass
class ModuleRow:
    page: ModulePage
    url: str = ""
    lessons: list[dict] = field(default_factory=list)
    locked: bool = False
    unlocked_by: ModulePage | None = None

    @property
    def progress(self) -> Progress:
        return Progress(sum(1 for item in self.lessons if item["done"]), len(self.lessons))


def published_programs():
    return default_locale_pages(ProgramPage.objects.live().public()).order_by("path")


def program_lessons(program: ProgramPage):
    return LessonPage.objects.live().descendant_of(program).order_by("path")


def _programs() -> list[ProgramPage]:
    return cached.get_or_build(
        STRUCTURE,
        "programs",
        build=lambda: list(
            default_locale_pages(ProgramPage.objects.defer_streamfields()).order_by("path")
        ),
    )


def program_of(page) -> ProgramPage | None:
    """The programme above a page (not the page itself, as `ancestor_of`), from the cached
    list of programmes: no query."""
    return next(
        (p for p in _programs() if page.path.startswith(p.path) and page.path != p.path), None
    )


def program_by_id(program_id: int) -> ProgramPage | None:
    """A programme (its fields, not its body) from the cached list: no query."""
    return next((p for p in _programs() if p.pk == program_id), None)


def sees_everything(user) -> bool:
    """Mentors and competence-centre admins read every lesson, locked or not."""
    return has_role(user, MENTOR) or has_role(user, CERTIFICATE_ADMIN)


def completed_lesson_ids(user, lesson_ids) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        LessonProgress.objects.filter(user=user, lesson_id__in=list(lesson_ids)).values_list(
            "lesson_id", flat=True
        )
    )


def program_progress(user, program: ProgramPage) -> Progress:
    lesson_ids = list(program_lessons(program).values_list("id", flat=True))
    return Progress(done=len(completed_lesson_ids(user, lesson_ids)), total=len(lesson_ids))


def is_enrolled(user, program: ProgramPage) -> bool:
    return (
        user.is_authenticated
        and Enrollment.objects.filter(user=user, cohort__program=program).exists()
    )


STRUCTURE = "courses:structure"


def program_structure(
    program: ProgramPage,
) -> tuple[list[ModulePage], list[LessonPage], dict[int, str]]:
    """The programme's live modules and lessons in order (titles, URLs, prerequisites; no
    bodies) and each one's URL. Kept in the cache until any page or site is saved,
    published, unpublished, moved or deleted (see forget_structures), because every learner
    page needs it; the URLs spare the outline one `pageurl` lookup per lesson."""

    def build():
        modules = list(
            ModulePage.objects.live().child_of(program).defer_streamfields().order_by("path")
        )
        lessons = list(program_lessons(program).defer_streamfields())
        urls = {page.pk: page.get_url() for page in [*modules, *lessons]}
        return modules, lessons, urls

    return cached.get_or_build(STRUCTURE, program.pk, build=build)


def forget_structures(instance=None, update_fields=None, **kwargs) -> None:
    """A page changed somewhere: every programme's cached structure is stale (not when an
    editor only saved a draft)."""
    if instance is not None and not isinstance(instance, Page | Site):
        return
    if draft_save(update_fields):
        return
    cached.forget(STRUCTURE)


def connect_signals() -> None:
    for signal in (page_published, page_unpublished, post_page_move, post_save, post_delete):
        signal.connect(forget_structures, weak=False, dispatch_uid=f"structure-{id(signal)}")


def program_outline(program: ProgramPage, user, *, enrolled: bool | None = None) -> dict:
    """Modules in order with their lessons, what the user has done, and what is locked.

    `enrolled`: when the caller already knows (the dashboard lists enrolments)."""
    modules, lessons, urls = program_structure(program)
    done = completed_lesson_ids(user, [lesson.id for lesson in lessons])
    rows = {module.id: ModuleRow(page=module, url=urls[module.id]) for module in modules}
    for lesson in lessons:
        for module in modules:
            if lesson.path.startswith(module.path):
                rows[module.id].lessons.append(
                    {"page": lesson, "url": urls[lesson.id], "done": lesson.id in done}
                )
                break
    free = sees_everything(user)
    for row in rows.values():
        prerequisite = rows.get(row.page.prerequisite_id)
        if prerequisite is not None and not free and not prerequisite.progress.complete:
            row.locked = True
            row.unlocked_by = prerequisite.page
    outline = [rows[module.id] for module in modules]
    open_lessons = [item["page"] for row in outline if not row.locked for item in row.lessons]
    next_lesson = next((lesson for lesson in open_lessons if lesson.id not in done), None)
    return {
        "outline": outline,
        "progress": Progress(done=len(done), total=len(lessons)),
        "next_lesson": next_lesson,
        "enrolled": is_enrolled(user, program) if enrolled is None else enrolled,
    }


def enrolment_offer(program: ProgramPage, user) -> dict:
    """For someone not enrolled: the programme's open cohorts and their pending requests."""
    return {
        "open_cohorts": list(program.cohorts.filter(enrolment_open=True).order_by("starts_on")),
        "pending_requests": set(
            EnrollmentRequest.objects.filter(
                user_id=user.id, status=EnrollmentRequest.Status.PENDING
            ).values_list("cohort_id", flat=True)
        )
        if user.is_authenticated
        else set(),
    }


def module_state(module: ModulePage, user) -> dict:
    program = program_of(module)
    outline = program_outline(program, user) if program else {"outline": []}
    row = next((r for r in outline["outline"] if r.page.id == module.id), None)
    return {
        "program": program,
        "row": row,
        "enrolled": outline.get("enrolled", False),
        "program_outline": outline if program else None,
    }


def lesson_state(lesson: LessonPage, user) -> dict:
    """Everything the lesson page shows: access, lock, progress, and for readers what the apps
    above add (quizzes with attempts: see courses.hooks)."""
    program = program_of(lesson)
    outline = program_outline(program, user) if program else None
    row = None
    flat = []
    if outline:
        for candidate in outline["outline"]:
            flat.extend(item["page"] for item in candidate.lessons)
            if any(item["page"].id == lesson.id for item in candidate.lessons):
                row = candidate
    position = next((i for i, item in enumerate(flat) if item.id == lesson.id), None)
    following = flat[position + 1] if position is not None and position + 1 < len(flat) else None
    enrolled = bool(outline and outline["enrolled"])
    can_read = enrolled or sees_everything(user)
    return {
        "program": program,
        "module": row.page if row else lesson.get_parent(),
        "locked": bool(row and row.locked),
        "unlocked_by": row.unlocked_by if row else None,
        "can_read": can_read,
        "done": any(item["done"] for item in row.lessons if item["page"].id == lesson.id)
        if row is not None
        else bool(completed_lesson_ids(user, [lesson.id])),
        "enrolled": enrolled,
        "next_lesson": following,
        "program_outline": outline,
        **(lesson_parts(lesson, user) if can_read else {}),
    }


def case_study_filter(index_page, params) -> dict:
    """Case studies under the index, filtered by ?region=<id> and ?theme=<slug>."""
    cases = CaseStudyPage.objects.child_of(index_page).live().select_related("region")
    region = params.get("region", "")
    theme = params.get("theme", "")
    if (region_id := int_param(params, "region")) is not None:
        cases = cases.filter(region_id=region_id)
    if theme:
        cases = cases.filter(themes__slug=theme)
    return {
        "case_studies": cases.prefetch_related("themes").order_by("title").distinct(),
        "regions": Region.objects.filter(
            id__in=CaseStudyPage.objects.live().values("region_id")
        ).order_by("name"),
        "themes": Theme.objects.order_by("name"),
        "selected_region": region,
        "selected_theme": theme,
    }


# What each page type shows, besides its own fields (see core.pages); the programme, its
# modules and lessons show the outline beside them: see courses.outline. Each also says in
# which language the page's own text is shown (core.languages).


@presents(HomePage)
def home_context(home, request) -> dict:
    programs = list(published_programs())
    return {"programs": localized_pages(programs), **page_language(home)}


@dataclass(frozen=True)
class ShownCompetency:
    code: str
    name: str
    lang_attr: str = ""


def module_competencies(module: ModulePage, program: ProgramPage | None) -> list:
    """The module's competencies as the reader reads them: from the programme's translation
    (its copies, in the same order) where there is one, else the Russian ones marked."""
    own = list(module.competencies.all())
    if not own or in_default_language():
        return [ShownCompetency(c.code, c.name) for c in own]
    translated = {}
    if program is not None:
        translated = {
            c.sort_order: c
            for c in Competency.objects.filter(
                program__translation_key=program.translation_key,
                program__locale__language_code=content_language(),
                program__live=True,
            )
        }
    shown = []
    for competency in own:
        copy = translated.get(competency.sort_order)
        if copy is None:
            shown.append(ShownCompetency(competency.code, competency.name, RUSSIAN_ATTRIBUTE))
        else:
            shown.append(ShownCompetency(copy.code, copy.name))
    return shown


@presents(CaseStudyIndexPage)
def case_studies_context(index_page, request) -> dict:
    context = case_study_filter(index_page, request.GET)
    context["case_studies"] = localized_pages(list(context["case_studies"]))
    return {**context, **page_language(index_page)}


@presents(CaseStudyPage)
def case_study_context(case, request) -> dict:
    return page_language(case)


def personal_data(user) -> dict:
    """The user's enrolments and completed lessons, for their personal-data export."""
    return {
        "enrollments": [
            {"cohort": e.cohort.title, "since": e.created_at, "attendance": e.attendance_percent}
            for e in Enrollment.objects.filter(user=user).select_related("cohort")
        ],
        "lessons_done": [
            {"lesson": p.lesson_title, "at": p.completed_at}
            for p in LessonProgress.objects.filter(user=user).order_by("completed_at")
        ],
    }
