"""The assignment's cut-off and late policy in the Wagtail admin: saved when sound, refused
with a message in Russian at the field when not."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from assessments.models import LatePolicy
from tests.helpers import login


def edit(client, assignment, **changes):
    data = {
        "title": assignment.title,
        "slug": assignment.slug,
        "brief": rich_text("<p>Спроектируйте однодневный маршрут.</p>"),
        "deadline": "2026-12-20 18:00",
        "time_zone": "Europe/Moscow",
        "rubric": assignment.rubric_id,
        "late_policy": LatePolicy.MARK,
        "peer_reviews_per_route": 2,
        "peer_score_weight": 0,
        "grading_grade_weight": 0,
        "action-publish": "publish",
    }
    data.update(changes)
    data = {name: value for name, value in data.items() if value is not None}
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[assignment.id]), nested_form_data(data)
    )


def test_an_admin_sets_a_cutoff_and_a_penalty(client, demo):
    login(client, demo.users["admin"])
    response = edit(
        client,
        demo.assignment,
        cutoff_days=3,
        late_policy=LatePolicy.PENALISE,
        late_penalty_per_day=10,
        late_penalty_max=30,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    demo.assignment.refresh_from_db()
    assignment = demo.assignment
    assert (assignment.cutoff_days, assignment.late_policy) == (3, LatePolicy.PENALISE)
    assert (assignment.late_penalty_per_day, assignment.late_penalty_max) == (10, 30)
    assert assignment.cutoff.isoformat() == "2026-12-23T18:00:00+03:00"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"cutoff_days": 0},
            "cutoff_days",
            "Приём должен закрываться позже срока: не меньше 1 суток после него "
            "(или оставьте поле пустым).",
        ),
        (
            {"late_policy": LatePolicy.PENALISE, "late_penalty_per_day": 120},
            "late_penalty_per_day",
            "Процент — от 0 до 100.",
        ),
        (
            {
                "late_policy": LatePolicy.PENALISE,
                "late_penalty_per_day": 5,
                "late_penalty_max": 150,
            },
            "late_penalty_max",
            "Процент — от 0 до 100.",
        ),
        (
            {"late_policy": LatePolicy.PENALISE},
            "late_penalty_per_day",
            "Укажите, на сколько процентов снижать балл за каждые начатые сутки (1–100).",
        ),
    ],
)
def test_unsound_settings_are_refused_at_the_field(client, demo, changes, field, message):
    login(client, demo.users["admin"])
    before = (demo.assignment.cutoff_days, demo.assignment.late_policy)
    response = edit(client, demo.assignment, **changes)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()
    demo.assignment.refresh_from_db()
    assert (demo.assignment.cutoff_days, demo.assignment.late_policy) == before


def test_the_deadline_is_typed_and_shown_on_the_assignments_clock(client, demo):
    """An admin (on Moscow time) types 18:00 for a Novokuznetsk assignment: the deadline is
    18:00 in Novokuznetsk, and the edit form shows 18:00 again, with the zone named."""
    login(client, demo.users["admin"])
    response = edit(client, demo.assignment, time_zone="Asia/Novokuznetsk")
    assert response.status_code == 302, response.content.decode()[:3000]
    demo.assignment.refresh_from_db()
    assert demo.assignment.local_deadline().isoformat() == "2026-12-20T18:00:00+07:00"
    page = client.get(reverse("wagtailadmin_pages:edit", args=[demo.assignment.id]))
    html = page.content.decode()
    assert 'value="2026-12-20 18:00"' in html
    assert "часовой пояс" in html.lower() and "Asia/Novokuznetsk" in html


def test_an_admin_turns_on_peer_review_with_its_dates_on_the_assignments_clock(client, demo):
    login(client, demo.users["admin"])
    response = edit(
        client,
        demo.assignment,
        time_zone="Asia/Novokuznetsk",
        peer_review="on",
        peer_reviews_per_route=3,
        peer_review_opens="2026-12-21 09:00",
        peer_review_closes="2026-12-24 18:00",
        peer_score_weight=20,
        grading_grade_weight=10,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    demo.assignment.refresh_from_db()
    assignment = demo.assignment
    assert assignment.peer_review and not assignment.peer_anonymous  # unticked in the post
    assert (assignment.peer_reviews_per_route, assignment.peer_score_weight) == (3, 20)
    assert assignment.peer_review_opens.isoformat() == "2026-12-21T02:00:00+00:00"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"peer_review": "on", "peer_score_weight": 80, "grading_grade_weight": 30},
            "grading_grade_weight",
            "Вместе доли оценок команд и оценки за рецензирование — не больше 100 процентов, "
            "сейчас 110.",
        ),
        (
            {"peer_score_weight": 20},
            "peer_review",
            "Доли в балле задаются для взаимного рецензирования: включите его или поставьте "
            "доли 0.",
        ),
        (
            {
                "peer_review": "on",
                "peer_review_opens": "2026-12-24 09:00",
                "peer_review_closes": "2026-12-21 09:00",
            },
            "peer_review_closes",
            "Рецензирование должно закрываться позже, чем открывается.",
        ),
    ],
)
def test_unsound_peer_settings_are_refused_at_the_field(client, demo, changes, field, message):
    login(client, demo.users["admin"])
    response = edit(client, demo.assignment, **changes)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    demo.assignment.refresh_from_db()
    assert not demo.assignment.peer_review
