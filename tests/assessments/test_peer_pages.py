"""The peer stage's pages: the reviewer's (anonymous when asked), drafts and the captain's
review through the form, the mentor's comparison with the grading grade, the authors' view
after publication, and the admin's or lead mentor's stage page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import PeerPhaseChange, PeerReview, PeerReviewDraft
from lms.models import Team
from tests.builders.peer import allocation_of, extra_team, peer_cohort, send_peer_review
from tests.builders.routes import accept_route
from tests.helpers import login

pytestmark = pytest.mark.django_db


def _kuzbass_for_omsk(demo, **fields):
    routes = peer_cohort(demo, teams=3, **fields)
    kuzbass = routes["Команда Кузбасса"]
    return routes, allocation_of(routes["Команда Омской области"].team, kuzbass)


def _form(demo, points=3, comment="Хорошая логистика."):
    data = {"comment": comment}
    for c in demo.assignment.rubric.criteria.all():
        data[f"criterion_{c.pk}"] = points
        data[f"note_{c.pk}"] = f"про {c.name}"
    return data


def test_the_reviewer_sees_the_route_without_its_authors(client, demo):
    routes, allocation = _kuzbass_for_omsk(demo)
    login(client, demo.users["omsk_member"])
    page = client.get(reverse("assessments:peer_review", args=[allocation.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Уголь, азот и рельсы" in text and "Кедровский угольный разрез" in text
    for secret in (
        "Команда Кузбасса",
        "Кемеровская область — Кузбасс",
        demo.users["kuzbass_captain"].last_name,
        demo.users["kuzbass_captain"].email,
    ):
        assert secret not in text
    listing = client.get(reverse("assessments:peer_reviews", args=[demo.assignment.pk]))
    assert "Команда Кузбасса" not in listing.content.decode()


def test_without_anonymity_the_reviewer_sees_the_authors_team(client, demo):
    _routes, allocation = _kuzbass_for_omsk(demo, peer_anonymous=False)
    login(client, demo.users["omsk_member"])
    page = client.get(reverse("assessments:peer_review", args=[allocation.pk]))
    assert "Команда Кузбасса" in page.content.decode()


def test_a_member_drafts_and_the_captain_sends_through_the_form(client, demo):
    _routes, allocation = _kuzbass_for_omsk(demo)
    url = reverse("assessments:peer_review", args=[allocation.pk])
    login(client, demo.users["omsk_member"])
    page = client.get(url).content.decode()
    assert 'name="submit"' not in page
    assert client.post(url, {**_form(demo, 2), "draft": "1"}).status_code == 302
    refused = client.post(url, {**_form(demo, 2), "submit": "1"})
    assert refused.status_code == 403 and not PeerReview.objects.exists()
    login(client, demo.users["omsk_captain"])
    page = client.get(url).content.decode()
    assert "про " in page and 'name="submit"' in page  # the member's draft, to go on from
    assert client.post(url, {**_form(demo, 3), "submit": "1"}).status_code == 302
    review = PeerReview.objects.get()
    assert review.submitted_by == demo.users["omsk_captain"]
    assert PeerReviewDraft.objects.filter(allocation=allocation).count() == 2
    assert client.post(url, {**_form(demo, 1), "draft": "1"}).status_code == 409


def test_sending_an_incomplete_review_is_refused_keeping_what_was_typed(client, demo):
    _routes, allocation = _kuzbass_for_omsk(demo)
    login(client, demo.users["omsk_captain"])
    data = _form(demo, 2, comment="")
    first = demo.assignment.rubric.criteria.first()
    data[f"criterion_{first.pk}"] = ""
    data[f"note_{first.pk}"] = "Набранный текст"
    response = client.post(
        reverse("assessments:peer_review", args=[allocation.pk]), {**data, "submit": "1"}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Оцените этот критерий." in text and "Набранный текст" in text
    assert not PeerReview.objects.exists()


def test_another_team_cannot_open_the_review(client, demo):
    _routes, allocation = _kuzbass_for_omsk(demo)
    login(client, demo.users["kuzbass_captain"])
    assert client.get(reverse("assessments:peer_review", args=[allocation.pk])).status_code == 404


def test_the_mentor_sees_peer_scores_beside_their_own_and_each_teams_grading_grade(client, demo):
    routes, allocation = _kuzbass_for_omsk(demo)
    kuzbass = routes["Команда Кузбасса"]
    send_peer_review(allocation, points=3)
    send_peer_review(allocation_of(routes["Команда Тюмени"].team, kuzbass), points=1)
    accept_route(demo, kuzbass, points=3)
    login(client, demo.users["mentor"])
    response = client.get(reverse("assessments:review", args=[kuzbass.pk]))
    peer = response.context["peer"]
    grades = {r.allocation.reviewer.name: r.grading_grade for r in peer["reviews"]}
    assert grades["Команда Омской области"] == 100  # the same scores as the mentor's
    assert grades["Команда Тюмени"] == pytest.approx(50)  # 2 of 4 points off everywhere
    assert peer["spread"] == 50
    assert all(row["spread"] == 2 for row in peer["criteria"])
    text = response.content.decode()
    assert 'data-grading="Команда Омской области">100' in text


def test_the_authors_read_the_peer_reviews_only_after_the_mentor_publishes(client, demo):
    routes, allocation = _kuzbass_for_omsk(demo)
    kuzbass = routes["Команда Кузбасса"]
    send_peer_review(allocation, points=3, comment="Отличный замысел, мало времени на обед.")
    login(client, demo.users["kuzbass_member"])
    studio = reverse("assessments:studio", args=[kuzbass.pk])
    assert "Отличный замысел" not in client.get(studio).content.decode()
    accept_route(demo, kuzbass, points=3)
    text = client.get(studio).content.decode()
    assert "Отличный замысел, мало времени на обед." in text
    section = text[text.index('id="peer-received"') :]
    assert "Рецензент 1" in section and "Команда Омской области" not in section


def test_the_admin_moves_the_phase_and_each_move_is_kept(client, demo):
    peer_cohort(demo, teams=3)
    url = reverse("assessments:peer_stage", args=[demo.assignment.pk, demo.cohort.pk])
    login(client, demo.users["mentor"])
    assert client.get(url).status_code == 403
    login(client, demo.users["admin"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "move", "phase": "mentor_grading", "reason": "Пора"})
    assert response.status_code == 302
    moves = list(PeerPhaseChange.objects.values_list("phase", "by__email", "reason"))
    assert moves[-1] == ("mentor_grading", demo.users["admin"].email, "Пора")
    assert len(moves) == 2
    assert client.post(url, {"action": "move", "phase": "nonsense"}).status_code == 400
    repeated = client.post(url, {"action": "move", "phase": "mentor_grading"})
    assert repeated.status_code == 400 and len(PeerPhaseChange.objects.all()) == 2


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_the_stage_page_reads_a_fixed_number_of_queries(client, demo):
    peer_cohort(demo, teams=3)
    url = reverse("assessments:peer_stage", args=[demo.assignment.pk, demo.cohort.pk])
    login(client, demo.users["admin"])
    client.get(url)
    small = _queries(client, url)
    for n in range(4):
        extra_team(demo, name=f"Команда {n}", region=f"Регион {n}")
    from assessments.services import reallocate_peer_reviews

    reallocate_peer_reviews(
        assignment=demo.assignment, cohort=demo.cohort, by=demo.users["admin"], reason="ещё"
    )
    assert _queries(client, url) == small
    assert Team.objects.filter(cohort=demo.cohort).count() == 7


def test_the_teams_list_reads_a_fixed_number_of_queries(client, demo):
    routes = peer_cohort(demo, teams=4, peer_reviews_per_route=1)
    login(client, demo.users["omsk_member"])
    url = reverse("assessments:peer_reviews", args=[demo.assignment.pk])
    client.get(url)
    one = _queries(client, url)
    from assessments.services import reallocate_peer_reviews

    demo.assignment.peer_reviews_per_route = 3
    demo.assignment.save()
    reallocate_peer_reviews(
        assignment=demo.assignment, cohort=demo.cohort, by=demo.users["admin"], reason="больше"
    )
    omsk = routes["Команда Омской области"].team
    assert omsk and len(client.get(url).context["allocations"]) == 3
    assert _queries(client, url) == one
