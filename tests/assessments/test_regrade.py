"""Regrading: the mentor (or the lead mentor) reopens a published review with a reason, edits
and republishes it; the review as it was stays as a revision; eligibility follows; a
certificate issued on the old grade is listed for the admin, never changed by itself. The
"rubric changed since scoring" flag reaches the queue and the report and leads here."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assessments.models import Review, RouteDesign
from assessments.services import reopen_review, review_route
from certificates.models import Certificate
from certificates.selectors import eligibility_of
from certificates.services import reissue_certificate
from core.models import Notification
from tests.builders.routes import certified_graduate, first_version, points
from tests.helpers import login


def published(design) -> Review:
    return first_version(design).reviews.get(status=Review.Status.PUBLISHED)


def test_a_reopened_review_changes_eligibility_and_lists_the_certificate(client, demo):
    demo.program.certificate_min_score = Decimal("70")
    demo.program.save_revision().publish()
    certificate = certified_graduate(demo)  # accepted at 75
    assert certificate.grade == Decimal("75.0")
    design = certificate.holder.memberships.get().team.routes.get()
    review = published(design)
    mentor, captain = demo.users["mentor"], certificate.holder

    reopen_review(review=review, by=mentor, reason="Пересчитали логистику по новым данным")
    design.refresh_from_db()
    assert design.state == RouteDesign.State.IN_REVIEW
    assert not eligibility_of(captain, demo.cohort).eligible  # waits for the new publication
    told = Notification.objects.filter(user=captain, kind="review_reopened").get()
    assert "Пересчитали логистику" in told.body

    review_route(
        version=review.version,
        mentor=mentor,
        points=points(design, 2),  # 2 of 4 everywhere: 50
        comment="Логистика слабее, чем казалось.",
        decision=Review.Decision.ACCEPT,
    )
    review.refresh_from_db()
    assert review.status == Review.Status.PUBLISHED and review.score == Decimal("50.0")
    mine = eligibility_of(captain, demo.cohort)
    assert mine.score == Decimal("50.0") and not mine.eligible
    republished = Notification.objects.filter(user=captain, kind="route_accept").latest("pk")
    assert "прежняя оценка — 75 из 100" in republished.body
    assert "проверил маршрут: 50 из 100." in republished.body

    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID and certificate.grade == Decimal("75")
    login(client, demo.users["admin"])
    page = client.get(reverse("certificates:cohort", args=[demo.cohort.id])).content.decode()
    listed = page[page.index('id="to-reissue"') :]
    assert f'data-reissue="{captain.email}"' in listed and certificate.serial in listed
    # Reissuing is refused while the holder is not eligible; revoking is the admin's choice.
    with pytest.raises(ValidationError, match="не допущен"):
        reissue_certificate(certificate=certificate, reissued_by=demo.users["admin"], reason="балл")


def test_a_reissue_carries_the_regraded_score(demo):
    certificate = certified_graduate(demo)
    design = certificate.holder.memberships.get().team.routes.get()
    review = published(design)
    reopen_review(review=review, by=demo.users["mentor"], reason="Недооценили замысел")
    review_route(
        version=review.version,
        mentor=demo.users["mentor"],
        points=points(design, 4),
        comment="Отлично.",
        decision=Review.Decision.ACCEPT,
    )
    new = reissue_certificate(
        certificate=certificate, reissued_by=demo.users["admin"], reason="Пересмотр оценки"
    )
    assert new.grade == Decimal("100.0")
    assert not eligibility_of(certificate.holder, demo.cohort).needs_reissue


def test_every_publication_is_kept_and_readable(client, demo, submitted_route):
    mentor = demo.users["mentor"]
    version = first_version(submitted_route)
    review_route(
        version=version,
        mentor=mentor,
        points=points(submitted_route, 3),
        comment="Первая оценка",
        decision=Review.Decision.RETURN,
        notes={c.pk: "кратко" for c in submitted_route.assignment.rubric.criteria.all()},
    )
    review = version.reviews.get()
    reopen_review(review=review, by=mentor, reason="Ошибся в критерии")
    review_route(
        version=version,
        mentor=mentor,
        points=points(submitted_route, 4),
        comment="Вторая оценка",
        decision=Review.Decision.RETURN,
    )
    reopen_review(review=review, by=mentor, reason="И ещё раз")
    review_route(
        version=version,
        mentor=mentor,
        points=points(submitted_route, 2),
        comment="Третья оценка",
        decision=Review.Decision.RETURN,
    )
    assert [r.number for r in review.revisions.all()] == [1, 2]
    revision = review.revisions.get(number=1)
    assert (revision.number, revision.score, revision.comment) == (
        1,
        Decimal("75.0"),
        "Первая оценка",
    )
    assert revision.reason == "Ошибся в критерии" and revision.reopened_by == mentor
    assert {s["points"] for s in revision.scores} == {3} and revision.scores[0][
        "comment"
    ] == "кратко"
    login(client, mentor)
    page = client.get(reverse("assessments:review", args=[submitted_route.id])).content.decode()
    history = page[page.index('id="review-history"') :]
    assert "Ошибся в критерии" in history and "Первая оценка" in history
    # The team reads the earlier publications and why the review was regraded.
    login(client, demo.users["kuzbass_member"])
    studio = client.get(reverse("assessments:studio", args=[submitted_route.id])).content.decode()
    assert "Рецензия пересмотрена" in studio and "Ошибся в критерии" in studio


def test_who_may_reopen_and_what_is_refused(client, demo, submitted_route):
    mentor, lead = demo.users["mentor"], demo.users["admin"]
    version = first_version(submitted_route)
    review = review_route(
        version=version,
        mentor=mentor,
        points=points(submitted_route),
        comment="Вернуть",
        decision=Review.Decision.RETURN,
    )
    with pytest.raises(PermissionDenied):
        reopen_review(review=review, by=demo.users["kuzbass_captain"], reason="хочу")
    with pytest.raises(ValidationError):
        reopen_review(review=review, by=mentor, reason="  ")
    # Through the page: an empty reason is a 400 beside the field; the typed text survives.
    login(client, mentor)
    url = reverse("assessments:review", args=[submitted_route.id])
    response = client.post(url, {"reopen": "1", "reason": ""})
    assert response.status_code == 400 and 'id="reopen-error"' in response.content.decode()
    demo.cohort.lead_mentor = lead
    demo.cohort.save()
    reopen_review(review=review, by=lead, reason="Ведущий наставник просит пересмотреть")
    review.refresh_from_db()
    assert review.status == Review.Status.DRAFT
    with pytest.raises(ValidationError):
        reopen_review(review=review, by=mentor, reason="ещё раз")


def test_a_changed_rubric_flags_the_review_in_the_queue_and_the_report(
    client, demo, submitted_route
):
    mentor = demo.users["mentor"]
    review_route(
        version=first_version(submitted_route),
        mentor=mentor,
        points=points(submitted_route),
        comment="Вернуть",
        decision=Review.Decision.RETURN,
    )
    login(client, mentor)
    queue = reverse("assessments:review_queue")
    assert 'data-regrade="Команда Кузбасса"' not in client.get(queue).content.decode()
    criterion = submitted_route.assignment.rubric.criteria.first()
    criterion.weight += 1
    criterion.save()

    assert 'data-regrade="Команда Кузбасса"' in client.get(queue).content.decode()
    page = client.get(reverse("assessments:review", args=[submitted_route.id])).content.decode()
    assert 'id="regrade"' in page and 'href="#reopen"' in page and 'id="reopen"' in page
    login(client, demo.users["admin"])
    report = client.get(reverse("cohort_report", args=[demo.cohort.id])).context["report"]
    kuzbass = next(t for t in report.teams if t.team.name == "Команда Кузбасса")
    assert kuzbass.regrade_route_id == submitted_route.pk
