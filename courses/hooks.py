"""Seams that the apps above courses fill in their AppConfig.ready(), so courses imports none
of them: what a lesson page shows besides its body, and what completing a lesson needs."""

from collections.abc import Callable

# function(lesson, user) -> dict added to the lesson page's context (for readers only)
_LESSON_PARTS: list[Callable] = []
# function(user, lesson) -> titles of what the learner must still pass to complete it
_LESSON_REQUIREMENTS: list[Callable] = []


def add_lesson_part(function: Callable) -> None:
    _LESSON_PARTS.append(function)


def add_lesson_requirement(function: Callable) -> None:
    _LESSON_REQUIREMENTS.append(function)


def lesson_parts(lesson, user) -> dict:
    parts = {}
    for function in _LESSON_PARTS:
        parts.update(function(lesson, user))
    return parts


def unmet_requirements(user, lesson) -> list[str]:
    return [title for function in _LESSON_REQUIREMENTS for title in function(user, lesson)]
