"""The mentor's side over HTTP: the review queue, returning a route, errors that keep the
comment."""

from django.urls import reverse

from assessments.models import Review, RouteDesign
from lms.models import Team
from tests.helpers import login


def test_mentor_queue_lists_only_their_teams_submissions(client, demo, submitted_route):
    login(client, demo.users["mentor"])
    page = client.get(reverse("assessments:review_queue")).content.decode()
    assert "Команда Кузбасса" in page
    omsk = Team.objects.get(name="Команда Омской области")
    omsk.mentor = None
    omsk.save()
    demo.cohort.mentors.clear()
    submitted_route.team.mentor = None
    submitted_route.team.save()
    page = client.get(reverse("assessments:review_queue")).content.decode()
    assert "Команда Кузбасса" not in page
    assert client.get(reverse("assessments:review", args=[submitted_route.id])).status_code == 404


def test_learners_have_no_review_queue(client, demo):
    login(client, demo.users["kuzbass_captain"])
    assert client.get(reverse("assessments:review_queue")).status_code == 403


def test_mentor_returns_a_route_and_the_team_sees_the_comment(client, demo, submitted_route):
    login(client, demo.users["mentor"])
    criteria = submitted_route.assignment.rubric.criteria.all()
    data = {f"criterion_{c.pk}": "2" for c in criteria}
    data.update({"comment": "Нет обеда в маршруте.", "decision": "return", "publish": "1"})
    response = client.post(reverse("assessments:review", args=[submitted_route.id]), data)
    assert response.status_code == 302
    login(client, demo.users["kuzbass_member"])
    page = client.get(reverse("assessments:studio", args=[submitted_route.id])).content.decode()
    assert "Нет обеда в маршруте." in page
    assert "возвращён на доработку" in page


def test_review_form_errors_keep_the_mentors_comment(client, demo, submitted_route):
    login(client, demo.users["mentor"])
    data = {
        "comment": "Длинный комментарий, который нельзя потерять",
        "decision": "accept",
        "publish": "1",
    }
    response = client.post(reverse("assessments:review", args=[submitted_route.id]), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Длинный комментарий, который нельзя потерять" in page
    assert 'id="review-errors"' in page  # summarised at the top, near the buttons too
    criteria = submitted_route.assignment.rubric.criteria.all()
    assert page.count("Оцените этот критерий.") == 2 * len(criteria)  # summary and field
    submitted_route.refresh_from_db()
    assert submitted_route.state == RouteDesign.State.SUBMITTED


def test_a_draft_saved_without_a_decision_keeps_its_scores(client, demo, submitted_route):
    login(client, demo.users["mentor"])
    criteria = list(submitted_route.assignment.rubric.criteria.all())
    url = reverse("assessments:review", args=[submitted_route.id])
    data = {f"criterion_{criteria[0].pk}": "2", f"criterion_{criteria[1].pk}": "3", "draft": "1"}
    data["comment"] = "Начало рецензии"
    response = client.post(url, data)
    assert response.status_code == 302
    draft = Review.objects.get(version__design=submitted_route)
    assert draft.status == Review.Status.DRAFT and draft.decision == "" and draft.score is None
    assert {s.criterion_id: s.points for s in draft.scores.all()} == {
        criteria[0].pk: 2,
        criteria[1].pk: 3,
    }
    form = client.get(url).context["form"]
    assert form[f"criterion_{criteria[0].pk}"].value() == 2
    assert form[f"criterion_{criteria[1].pk}"].value() == 3
    assert form["comment"].value() == "Начало рецензии"
    submitted_route.refresh_from_db()
    assert submitted_route.state == RouteDesign.State.IN_REVIEW  # the team sees nothing yet


def test_a_review_made_without_a_service_is_a_draft(demo, submitted_route):
    review = Review.objects.create(
        version=submitted_route.versions.get(number=1), mentor=demo.users["mentor"]
    )
    assert review.status == Review.Status.DRAFT


def test_the_draft_saves_itself_as_the_mentor_types(client, demo, submitted_route):
    """What the page's script posts: whatever is filled in, no decision, never published."""
    login(client, demo.users["mentor"])
    criteria = list(submitted_route.assignment.rubric.criteria.all())
    page = client.get(reverse("assessments:review", args=[submitted_route.id])).content.decode()
    autosave = reverse("assessments:review_autosave", args=[submitted_route.id])
    assert f'data-autosave-url="{autosave}"' in page and "js/review.js" in page
    data = {f"criterion_{criteria[0].pk}": "1", "comment": "Пишу…", "publish": "1"}
    answer = client.post(autosave, data)
    assert answer.status_code == 200 and answer.json()["saved"]
    assert "Europe/Moscow" in answer.json()["message"]  # the assignment's zone
    draft = Review.objects.get(version__design=submitted_route)
    assert draft.status == Review.Status.DRAFT and draft.comment == "Пишу…"
    assert [s.points for s in draft.scores.all()] == [1]

    # Input it cannot keep: errors by field, 400, the saved draft untouched.
    bad = client.post(autosave, {f"criterion_{criteria[0].pk}": "99", "comment": "Стёр"})
    assert bad.status_code == 400 and f"criterion_{criteria[0].pk}" in bad.json()["errors"]
    draft.refresh_from_db()
    assert draft.comment == "Пишу…"

    # Once published, the autosave refuses (409) rather than reopen it silently.
    client.post(
        reverse("assessments:review", args=[submitted_route.id]),
        {
            **{f"criterion_{c.pk}": "3" for c in criteria},
            "comment": "Готово",
            "decision": "return",
            "publish": "1",
        },
    )
    assert client.post(autosave, {"comment": "после"}).status_code == 409
    assert Review.objects.get(pk=draft.pk).comment == "Готово"
