"""Seams that the apps above courses fill in their AppConfig.ready(), so courses imports none
of them: what a lesson page shows besides its body, and what completing a lesson needs."""

from collections.abc import Callable

# function(lesson, user) -> dict added to the lesson page's context (for readers only)
_LESSON_PARTS: list[Callable] = []
# function(user, lesson) -> titles of what the learner must still pass to complete it
_LESSON_REQUIREMENTS: list[Callable] = []
# function(user, lesson_ids) -> ids of the lessons the learner has begun (a quiz tried), in
# one query for all of them: the outline marks them «в процессе» until they are passed
_LESSONS_BEGUN: list[Callable] = []


def add_lesson_part(function: Callable) -> None:
    _LESSON_PARTS.append(function)


def add_lesson_requirement(function: Callable) -> None:
    _LESSON_REQUIREMENTS.append(function)


def add_lessons_begun(function: Callable) -> None:
    _LESSONS_BEGUN.append(function)


def lesson_parts(lesson, user) -> dict:
    parts = {}
    for function in _LESSON_PARTS:
        parts.update(function(lesson, user))
    return parts


def unmet_requirements(user, lesson) -> list[str]:
    return [title for function in _LESSON_REQUIREMENTS for title in function(user, lesson)]


def lessons_begun(user, lesson_ids) -> set[int]:
    if not user.is_authenticated:
        return set()
    ids = list(lesson_ids)
    return {found for function in _LESSONS_BEGUN for found in function(user, ids)}
