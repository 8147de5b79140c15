"""Deleting a lesson that learners studied warns the editor and keeps the history."""

from django.urls import reverse

from courses.models import LessonProgress
from tests.builders.learning import pass_lesson
from tests.helpers import login


def test_deleting_a_studied_lesson_warns_and_keeps_the_history(client, demo):
    lesson = demo.lessons[1]
    learner = demo.users["kuzbass_member"]
    pass_lesson(learner, lesson)
    login(client, demo.users["admin"])
    url = reverse("wagtailadmin_pages:delete", args=[lesson.id])
    page = client.get(url).content.decode()
    assert "отмечен пройденным 1 раз" in page
    client.post(url)
    record = LessonProgress.objects.get(user=learner)
    assert record.lesson is None
    assert record.lesson_title == lesson.title
