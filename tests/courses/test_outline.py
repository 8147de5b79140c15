"""The programme's outline beside each lesson: every lesson's state for the learner, why a
module is locked, the page shown marked, the same few queries however big the programme."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from assessments.selectors import lesson_quizzes
from assessments.services import submit_quiz_attempt
from courses.models import LessonPage, ModulePage
from courses.outline import State, outline
from lms.services import user_create
from tests.builders.learning import pass_lesson, wrong_answers
from tests.helpers import login


def lessons_of(demo, module):
    return [lesson for lesson in demo.lessons if lesson.path.startswith(module.path)]


def states(result) -> dict[int, str | None]:
    return {
        lesson.id: lesson.state.value if lesson.state else None
        for module in result.modules
        for lesson in module.lessons
    }


def sidebar(html: str) -> str:
    start = html.index('id="course-outline"')
    return html[start : html.index("</details>", start)]


def test_each_lesson_says_passed_begun_not_started_or_locked(demo):
    learner = demo.users["kuzbass_member"]
    first = demo.modules[0]
    locked = next(m for m in demo.modules if m.prerequisite_id)
    quiz_lesson = next(lesson for lesson in lessons_of(demo, first) if lesson_quizzes(lesson))
    done = next(lesson for lesson in lessons_of(demo, first) if lesson != quiz_lesson)
    pass_lesson(learner, done)
    quiz = lesson_quizzes(quiz_lesson)[0]
    submit_quiz_attempt(
        user=learner, quiz=quiz, lesson=quiz_lesson, answers=wrong_answers(quiz), attempt_number=1
    )

    with override("ru"):
        result = outline(demo.program, learner)
    found = states(result)
    assert found[done.id] == State.PASSED
    assert found[quiz_lesson.id] == State.BEGUN
    open_modules = [m for m in demo.modules if not m.prerequisite_id]
    untouched = [
        lesson
        for module in open_modules
        for lesson in lessons_of(demo, module)
        if lesson not in (done, quiz_lesson)
    ]
    assert untouched and all(found[lesson.id] == State.NOT_STARTED for lesson in untouched)
    assert all(found[lesson.id] == State.LOCKED for lesson in lessons_of(demo, locked))
    modules = {module.id: module for module in result.modules}
    assert modules[first.id].state.value == State.BEGUN
    assert modules[first.id].done == 1
    assert modules[locked.id].state.label == "закрыт"
    assert (result.done, result.total) == (1, len(demo.lessons))
    with override("en"):
        english = outline(demo.program, learner)
    labels = {lesson.id: lesson.state.label for m in english.modules for lesson in m.lessons}
    assert (labels[done.id], labels[quiz_lesson.id]) == ("done", "in progress")


def test_a_locked_module_says_which_module_opens_it(client, demo):
    learner = demo.users["kuzbass_member"]
    locked = next(m for m in demo.modules if m.prerequisite_id)
    prerequisite = locked.prerequisite.specific
    item = next(m for m in outline(demo.program, learner).modules if m.id == locked.id)
    assert item.locked and item.opens_after.title == prerequisite.title
    assert item.opens_after.url == prerequisite.url

    login(client, learner)
    html = client.get(lessons_of(demo, demo.modules[0])[0].url).content.decode()
    reason = re.search(r"<p class=\"lock-reason\"[^>]*>(.*?)</p>", sidebar(html), re.S)
    assert reason and f'откроется после модуля «<a href="{prerequisite.url}">' in reason[1]

    for lesson in lessons_of(demo, prerequisite):
        pass_lesson(learner, lesson)
    item = next(m for m in outline(demo.program, learner).modules if m.id == locked.id)
    assert not item.locked and item.opens_after is None


def test_the_lesson_shown_is_marked_current_and_the_rest_are_links(client, demo):
    learner = demo.users["omsk_member"]
    lesson = lessons_of(demo, demo.modules[0])[1]
    login(client, learner)
    html = sidebar(client.get(lesson.url).content.decode())
    current = re.findall(r'<a href="([^"]+)" aria-current="page">', html)
    assert current == [lesson.url]
    for other in demo.lessons:
        assert f'href="{other.url}"' in html
    module_html = sidebar(client.get(demo.modules[0].url).content.decode())
    assert re.findall(r'<a href="([^"]+)" aria-current="page">', module_html) == [
        demo.modules[0].url
    ]


def test_visitors_and_outsiders_see_the_outline_without_states_and_are_told_to_enrol(client, demo):
    lesson = demo.lessons[0]
    outsider = user_create(email="guest@example.com", password=None, last_name="Г", first_name="Г")
    for reader in (None, outsider):
        if reader is not None:
            login(client, reader)
        html = sidebar(client.get(lesson.url).content.decode())
        assert 'id="outline-enrol"' in html and "запишитесь на программу" in html
        assert "data-state=" not in html
        assert all(f'href="{other.url}"' in html for other in demo.lessons)
    assert set(states(outline(demo.program, outsider)).values()) == {None}


def test_mentors_see_every_module_open_and_no_learner_states(demo):
    result = outline(demo.program, demo.users["mentor"])
    assert result.can_read and not result.enrolled
    assert not any(module.locked for module in result.modules)
    assert set(states(result).values()) == {None}


def test_the_outline_costs_the_same_queries_however_many_modules_and_lessons(demo):
    learner = demo.users["kuzbass_captain"]
    pass_lesson(learner, demo.lessons[0])

    def queries() -> int:
        outline(demo.program, learner)  # the structure into the cache
        with CaptureQueriesContext(connection) as captured:
            outline(demo.program, learner, current=demo.lessons[0])
        return len(captured)

    small = queries()
    for number in range(3):
        module = ModulePage(title=f"Ещё модуль {number}", slug=f"more-{number}")
        demo.program.add_child(instance=module)
        for i in range(12):
            module.add_child(instance=LessonPage(title=f"Урок {number}.{i}", slug=f"l-{i}"))
    large = queries()
    assert len(outline(demo.program, learner).modules) == len(demo.modules) + 3
    assert large == small
    assert small <= 4
