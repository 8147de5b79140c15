"""Bad input in the route studio, the contribution notes and the quizzes answers a 4xx with
a clear message and what was typed, never a 500."""

from django.urls import reverse

from assessments.models import PeerAssessment, QuizAttempt
from assessments.selectors import lesson_quizzes
from assessments.services import start_route
from tests.builders.routes import studio_post
from tests.helpers import login

HUGE = "99999999999999999999"


def _studio(client, design, **extra):
    pit_and_time = []
    return client.post(
        reverse("assessments:studio", args=[design.id]),
        studio_post(design, design.versions.get(), pit_and_time, **extra),
    )


def test_a_cost_amount_past_the_price_field_is_refused_and_kept(client, demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    login(client, demo.users["kuzbass_captain"])
    for amount in ("1e400", "9" * 400, "10000000"):
        response = _studio(client, design, costs=f"Трансфер; {amount}")
        page = response.content.decode()
        assert response.status_code == 400, amount
        assert "сумма больше 9999999.99 ₽" in page
        assert f"Трансфер; {amount}" in page
    assert design.versions.get().cost_items == []


def test_too_many_cost_lines_are_refused(client, demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    login(client, demo.users["kuzbass_captain"])
    costs = "\n".join(f"Статья {n}; 10" for n in range(51))
    response = _studio(client, design, costs=costs)
    assert response.status_code == 400
    assert "Не больше 50 статей затрат." in response.content.decode()
    ok = _studio(client, design, costs="\n".join(f"Статья {n}; 10" for n in range(50)))
    assert ok.status_code == 302
    assert len(design.versions.get().cost_items) == 50


def test_a_negative_price_is_refused(client, demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    login(client, demo.users["kuzbass_captain"])
    response = _studio(client, design, price_per_person="-500")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Убедитесь, что это значение больше либо равно 0." in page
    assert 'value="-500"' in page
    assert design.versions.get().price_per_person is None


def test_contribution_note_about_a_bad_or_huge_member_is_a_404(client, demo, submitted_route):
    login(client, demo.users["kuzbass_captain"])
    url = reverse("assessments:peer_note", args=[submitted_route.id])
    for about in ("abc", HUGE, "-1", "1e5"):
        response = client.post(url, {"about": about, "contribution": "50"})
        assert response.status_code == 404, about
    assert not PeerAssessment.objects.exists()


def test_contribution_that_is_no_small_number_is_refused_and_kept(client, demo, submitted_route):
    member = demo.users["kuzbass_member"]
    login(client, demo.users["kuzbass_captain"])
    url = reverse("assessments:peer_note", args=[submitted_route.id])
    for typed in ("много", HUGE, "1" * 5000, "12.5", "-4"):
        response = client.post(url, {"about": member.id, "contribution": typed, "comment": "Мой"})
        page = response.content.decode()
        assert response.status_code == 400, typed
        assert "от 0 до 100" in page
        assert typed[:100] in page
    assert not PeerAssessment.objects.exists()


def test_a_huge_attempt_number_is_a_damaged_form_not_a_500(client, demo):
    lesson, quiz = next(
        (lesson, quizzes[0]) for lesson in demo.lessons if (quizzes := lesson_quizzes(lesson))
    )
    login(client, demo.users["kuzbass_captain"])
    url = reverse("assessments:submit_quiz", args=[lesson.id, quiz.id])
    for attempt in (HUGE, "0", "-1"):
        response = client.post(url, {"attempt": attempt}, follow=True)
        assert response.status_code == 200
        assert "Форма теста повреждена" in response.content.decode()
    assert not QuizAttempt.objects.exists()
