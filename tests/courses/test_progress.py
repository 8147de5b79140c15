import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from assessments.selectors import lesson_quizzes
from courses.models import LessonPage, LessonProgress
from courses.selectors import program_progress
from courses.services import mark_lesson_done
from lms.services import user_create
from tests.builders.learning import pass_lesson
from tests.helpers import login


def lesson_without_quiz(demo):
    return next(lesson for lesson in demo.lessons if not lesson_quizzes(lesson))


def test_enrolled_learner_marks_a_lesson_done_once(demo):
    learner = demo.users["kuzbass_member"]
    lesson = lesson_without_quiz(demo)
    first = mark_lesson_done(user=learner, lesson=lesson)
    again = mark_lesson_done(user=learner, lesson=lesson)
    assert first.pk == again.pk
    assert first.completed_at == again.completed_at
    assert program_progress(learner, demo.program).done == 1


def test_learner_outside_the_programs_cohorts_cannot_mark_lessons(demo):
    stranger = user_create(email="x@example.com", password=None, last_name="Х", first_name="Y")
    with pytest.raises(PermissionDenied):
        mark_lesson_done(user=stranger, lesson=demo.lessons[0])
    assert not LessonProgress.objects.exists()


def test_mark_done_button_then_dashboard_shows_progress(client, demo):
    learner = demo.users["omsk_member"]
    login(client, learner)
    lesson = lesson_without_quiz(demo)
    page = client.get(lesson.url).content.decode()
    assert "Отметить урок пройденным" in page
    response = client.post(reverse("courses:complete_lesson", args=[lesson.id]), follow=True)
    assert "Урок пройден" in response.content.decode()
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert f"Пройдено уроков: 1 из {len(demo.lessons)}" in dashboard


def test_progress_survives_editing_and_moving_the_lesson(demo):
    learner = demo.users["kuzbass_captain"]
    lesson = demo.lessons[0]
    pass_lesson(learner, lesson)
    lesson.title = "Новое название урока"
    lesson.save_revision().publish()
    other_module = demo.lessons[-1].get_parent()
    lesson.move(other_module, pos="last-child")
    assert program_progress(learner, demo.program).done == 1
    assert LessonProgress.objects.get(user=learner).lesson_id == lesson.id


def test_anonymous_visitor_is_sent_to_login_to_mark_done(client, demo):
    response = client.post(reverse("courses:complete_lesson", args=[demo.lessons[0].id]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_cached_programme_outline_follows_publishing_renaming_and_unpublishing(client, demo):

    login(client, demo.users["kuzbass_captain"])
    module = demo.modules[0]
    assert "Новый урок о шахтёрской смене" not in client.get(demo.program.url).content.decode()
    lesson = LessonPage(title="Новый урок о шахтёрской смене", slug="mine-shift", minutes=20)
    module.add_child(instance=lesson)
    lesson.save_revision().publish()
    assert "Новый урок о шахтёрской смене" in client.get(demo.program.url).content.decode()
    assert "Новый урок о шахтёрской смене" in client.get(module.url).content.decode()

    module.title = "Модуль с новым названием"
    module.save_revision().publish()
    assert "Модуль с новым названием" in client.get(demo.program.url).content.decode()

    # The outline's links are cached too: a new slug moves them, and they still open.
    lesson.slug = "mine-shift-renamed"
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    outline = client.get(demo.program.url).content.decode()
    assert f'href="{lesson.url}"' in outline and "mine-shift-renamed" in lesson.url
    assert f'href="{lesson.url}"' in client.get(module.url).content.decode()
    assert client.get(lesson.url).status_code == 200

    lesson.unpublish()
    assert "Новый урок о шахтёрской смене" not in client.get(demo.program.url).content.decode()
