"""A learner studies the first module in the browser: a failed quiz, a passed one, an unlock."""

import re

import pytest
from playwright.sync_api import expect

from assessments.selectors import lesson_quizzes
from demo.build import LEARNER_PASSWORD
from tests.builders.learning import right_answers, wrong_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer(page, quiz, answers):
    form = page.locator(f"#quiz-{quiz.id} form")
    for question in quiz.graded_questions():
        given = answers[question.id]
        name = f"q-{question.id}"
        if question.kind == "numeric":
            form.locator(f"input[name='{name}']").fill(given)
        else:
            for choice in [given] if isinstance(given, str) else given:
                form.locator(f"input[name='{name}'][value='{choice}']").check()
    form.get_by_role("button").click()


def test_learner_fails_then_passes_a_quiz_finishes_the_module_and_the_next_one_unlocks(
    open_as, demo
):
    first, second = demo.modules[0], next(m for m in demo.modules if m.prerequisite_id)
    assert second.prerequisite_id == first.id
    page = open_as(demo.users["omsk_member"].email, LEARNER_PASSWORD)

    page.goto(demo.program.url)
    locked = page.locator(f"#course-outline .outline-module[data-module='{second.id}']")
    expect(locked).to_have_class(re.compile("is-locked"))
    expect(locked.locator("[data-lock-reason]")).to_contain_text(first.title)
    page.goto(next(lesson for lesson in demo.lessons if lesson.path.startswith(second.path)).url)
    expect(page.locator("#lesson-locked")).to_contain_text(first.title)

    for lesson in [lesson for lesson in demo.lessons if lesson.path.startswith(first.path)]:
        page.goto(lesson.url)
        for quiz in lesson_quizzes(lesson):
            answer(page, quiz, wrong_answers(quiz))
            expect(page.get_by_text("Тест не сдан")).to_be_visible()
            expect(page.locator(f"#quiz-{quiz.id} .quiz-review")).to_contain_text("неверно")
            # Beside the lesson, the outline marks it as the page shown and as begun.
            here = page.locator("#course-outline a[aria-current=page]")
            expect(here).to_have_text(lesson.title)
            expect(page.locator(f"#course-outline [data-lesson='{lesson.id}']")).to_have_attribute(
                "data-state", "begun"
            )
            page.get_by_role("button", name="Отметить урок пройденным").click()
            expect(page.get_by_text("Сначала сдайте тест")).to_be_visible()
            answer(page, quiz, right_answers(quiz))
            expect(page.get_by_text("Тест сдан: 100\u00a0%")).to_be_visible()
        if not lesson_quizzes(lesson):
            page.get_by_role("button", name="Отметить урок пройденным").click()
        # A lesson whose quizzes are all passed is complete without the button.
        expect(page.locator("#lesson-status")).to_have_text("Урок пройден")

    page.goto(demo.program.url)
    expect(
        page.locator(f"#course-outline .outline-module[data-module='{second.id}']")
    ).not_to_have_class(re.compile("is-locked"))
    page.goto(next(lesson for lesson in demo.lessons if lesson.path.startswith(second.path)).url)
    expect(page.locator("#lesson-locked")).to_have_count(0)
    expect(page.get_by_role("button", name="Отметить урок пройденным")).to_be_visible()

    # The outline stands beside the lesson on a wide screen, folds above it on a phone.
    lesson = next(lesson for lesson in demo.lessons if lesson.path.startswith(second.path))
    outline = page.locator("#course-outline")
    article = page.locator("article.lesson")
    expect(outline).to_have_attribute("open", "")
    assert (
        outline.bounding_box()["x"] + outline.bounding_box()["width"] <= article.bounding_box()["x"]
    )
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(lesson.url)
    expect(outline).not_to_have_attribute("open", "")
    assert outline.bounding_box()["y"] < article.bounding_box()["y"]
    outline.locator("summary").click()
    expect(outline.get_by_role("link", name=lesson.title)).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
