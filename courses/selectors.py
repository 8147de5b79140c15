"""Read queries for the curriculum pages, each a fixed number of queries."""

from dataclasses import dataclass

from .models import Enrollment, LessonPage, LessonProgress, ModulePage, ProgramPage


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


def published_programs():
    return ProgramPage.objects.live().public().order_by("path")


def program_lessons(program: ProgramPage):
    return LessonPage.objects.live().descendant_of(program).order_by("path")


def program_of(page) -> ProgramPage | None:
    return ProgramPage.objects.ancestor_of(page).first()


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


def program_outline(program: ProgramPage, user) -> dict:
    """Modules in order, each with its lessons and whether the user has done them."""
    modules = list(ModulePage.objects.live().child_of(program).order_by("path"))
    lessons = list(program_lessons(program).specific())
    done = completed_lesson_ids(user, [lesson.id for lesson in lessons])
    outline = []
    for module in modules:
        module_lessons = [
            {"page": lesson, "done": lesson.id in done}
            for lesson in lessons
            if lesson.path.startswith(module.path)
        ]
        outline.append({"page": module, "lessons": module_lessons})
    next_lesson = next((lesson for lesson in lessons if lesson.id not in done), None)
    return {
        "outline": outline,
        "progress": Progress(done=len(done), total=len(lessons)),
        "next_lesson": next_lesson,
        "enrolled": is_enrolled(user, program),
    }


def lesson_state(lesson: LessonPage, user) -> dict:
    program = program_of(lesson)
    module = lesson.get_parent()
    lessons = list(program_lessons(program)) if program else []
    position = next((i for i, item in enumerate(lessons) if item.id == lesson.id), None)
    following = (
        lessons[position + 1] if position is not None and position + 1 < len(lessons) else None
    )
    return {
        "program": program,
        "module": module,
        "done": bool(completed_lesson_ids(user, [lesson.id])),
        "enrolled": bool(program) and is_enrolled(user, program),
        "next_lesson": following,
    }
