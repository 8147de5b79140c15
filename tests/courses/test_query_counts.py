"""The learner's pages cost the same number of queries however big the installation grows."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import QuizAttempt
from assessments.selectors import lesson_quizzes
from courses.models import Enrollment, LessonPage, LessonProgress, ModulePage
from tests.helpers import login


def count_queries(client, url) -> int:
    client.get(url)  # warm per-process caches (site root, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def grow(demo, lessons=50, learners=500):
    """Add a module of `lessons` lessons and `learners` enrolled learners with history."""
    module = ModulePage(title="Большой модуль", slug="big-module", hours=10)
    demo.program.add_child(instance=module)
    for i in range(lessons):
        module.add_child(instance=LessonPage(title=f"Урок {i}", slug=f"lesson-{i}"))
    all_lessons = list(LessonPage.objects.descendant_of(demo.program))
    User = get_user_model()
    users = User.objects.bulk_create(
        User(email=f"learner{i}@example.com", last_name=f"Слушатель{i}", first_name="Т")
        for i in range(learners)
    )
    Enrollment.objects.bulk_create(Enrollment(user=u, cohort=demo.cohort) for u in users)
    now = timezone.now()
    LessonProgress.objects.bulk_create(
        LessonProgress(user=u, lesson=lesson, lesson_title=lesson.title, completed_at=now)
        for u in users
        for lesson in all_lessons[:10]
    )
    quiz = next(q for lesson in demo.lessons for q in lesson_quizzes(lesson))
    QuizAttempt.objects.bulk_create(
        QuizAttempt(user=u, quiz=quiz, number=1, score=Decimal(50), passed=False, submitted_at=now)
        for u in users
    )
    return module


def test_learner_pages_cost_the_same_queries_on_a_large_installation(client, demo):
    learner = demo.users["kuzbass_captain"]
    login(client, learner)
    quiz_lesson = next(lesson for lesson in demo.lessons if lesson_quizzes(lesson))
    urls = [
        "/",
        demo.program.url,
        demo.modules[0].url,
        quiz_lesson.url,
        demo.lessons[-1].url,
        reverse("dashboard"),
        demo.assignment.url,
    ]
    small = {url: count_queries(client, url) for url in urls}
    grow(demo)
    large = {url: count_queries(client, url) for url in urls}
    assert large == small
    assert max(large.values()) <= 40, large
