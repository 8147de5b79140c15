"""The review workflow around a route: private drafts, lead approval, deadlines, history,
attachments, grades per member, peer notes, mentor allocation and e-mail."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from assessments.models import (
    PeerAssessment,
    Review,
    RouteAttachment,
    RouteDesign,
    RouteDraftSnapshot,
)
from assessments.services import (
    add_attachment,
    adjust_member_grade,
    approve_review,
    auto_balance_mentors,
    draft_of,
    extend_deadline,
    member_score,
    restore_snapshot,
    review_route,
    save_peer_assessment,
    save_route_draft,
    start_route,
    submit_route,
)
from assessments.tasks import remind_deadlines
from lms.models import Team
from tests.helpers import login
from tests.routes import build_submitted_route, kuzbass_stops

PDF = b"%PDF-1.4\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def points(design, value=3):
    return {c.pk: value for c in design.assignment.rubric.criteria.all()}


def first_version(design):
    return design.versions.get(number=1)


def test_a_draft_review_is_private_until_published(client, demo, submitted_route):
    mentor = demo.users["mentor"]
    review_route(
        version=first_version(submitted_route),
        mentor=mentor,
        points=points(submitted_route),
        comment="Черновик: пока не показывать",
        decision="return",
        publish=False,
    )
    submitted_route.refresh_from_db()
    assert submitted_route.state == RouteDesign.State.IN_REVIEW
    login(client, demo.users["kuzbass_captain"])
    page = client.get(reverse("assessments:studio", args=[submitted_route.id])).content.decode()
    assert "Черновик: пока не показывать" not in page
    review_route(
        version=first_version(submitted_route),
        mentor=mentor,
        points=points(submitted_route),
        comment="Опубликовано",
        decision="return",
        publish=True,
    )
    assert Review.objects.count() == 1
    page = client.get(reverse("assessments:studio", args=[submitted_route.id])).content.decode()
    assert "Опубликовано" in page


def test_the_team_is_emailed_when_the_review_is_published_not_before(
    demo, submitted_route, django_capture_on_commit_callbacks
):
    mentor = demo.users["mentor"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review_route(
            version=first_version(submitted_route),
            mentor=mentor,
            points=points(submitted_route),
            comment="—",
            decision="accept",
            publish=False,
        )
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        review_route(
            version=first_version(submitted_route),
            mentor=mentor,
            points=points(submitted_route),
            comment="Принято",
            decision="accept",
        )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "kuzbass.captain@demo.test",
        "kuzbass.member@demo.test",
    ]
    assert "принят" in mail.outbox[0].subject


def test_the_mentor_is_emailed_on_submission(
    demo, kuzbass_team, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        build_submitted_route(demo)
    assert [m.to for m in mail.outbox] == [["mentor@demo.test"]]
    assert "Команда Кузбасса" in mail.outbox[0].subject


def test_a_lead_mentor_checks_reviews_before_the_team_sees_them(demo, submitted_route):
    lead = demo.users["admin"]
    demo.cohort.lead_mentor = lead
    demo.cohort.save()
    review = review_route(
        version=first_version(submitted_route),
        mentor=demo.users["mentor"],
        points=points(submitted_route),
        comment="Вернуть",
        decision="return",
    )
    assert review.status == Review.Status.AWAITING_APPROVAL
    submitted_route.refresh_from_db()
    assert submitted_route.state == RouteDesign.State.IN_REVIEW
    with pytest.raises(PermissionDenied):
        approve_review(review=review, lead=demo.users["mentor"])
    approve_review(review=review, lead=lead)
    submitted_route.refresh_from_db()
    assert submitted_route.state == RouteDesign.State.RETURNED
    review.refresh_from_db()
    assert review.approved_by == lead and review.published_at is not None


def test_late_submissions_are_marked_and_an_extension_lifts_it(demo, kuzbass_team):
    demo.assignment.deadline = timezone.now() - dt.timedelta(days=1)
    demo.assignment.save()
    late = build_submitted_route(demo)
    assert first_version(late).is_late
    with pytest.raises(PermissionDenied):
        extend_deadline(
            design=late, until=timezone.now() + dt.timedelta(days=3), by=demo.users["mentor"]
        )
    with pytest.raises(ValidationError):
        extend_deadline(design=late, until=demo.assignment.deadline, by=demo.users["admin"])
    review_route(
        version=first_version(late),
        mentor=demo.users["mentor"],
        points=points(late),
        comment="Доработайте",
        decision="return",
    )
    extend_deadline(
        design=late, until=timezone.now() + dt.timedelta(days=3), by=demo.users["admin"]
    )
    submit_route(design=late, user=demo.users["kuzbass_captain"])
    assert not late.versions.get(number=2).is_late


def test_every_save_is_kept_and_any_can_be_restored(demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    member = demo.users["kuzbass_member"]
    stops = kuzbass_stops(demo)
    save_route_draft(
        design=design,
        user=member,
        stops=stops,
        lock_version=0,
        title="Первый",
        group_size=15,
        start_date=dt.date(2027, 3, 1),
    )
    save_route_draft(
        design=design,
        user=demo.users["kuzbass_captain"],
        stops=stops[:1],
        lock_version=1,
        title="Второй",
    )
    snapshots = list(RouteDraftSnapshot.objects.filter(design=design).order_by("saved_at", "id"))
    assert [(s.author.email, s.content["fields"]["title"]) for s in snapshots] == [
        ("kuzbass.member@demo.test", "Первый"),
        ("kuzbass.captain@demo.test", "Второй"),
    ]
    restore_snapshot(design=design, snapshot=snapshots[0], user=member, lock_version=2)
    draft = draft_of(design)
    assert draft.title == "Первый" and draft.group_size == 15
    assert draft.start_date == dt.date(2027, 3, 1)
    assert draft.stops.count() == 3
    assert RouteDraftSnapshot.objects.filter(design=design).count() == 3


def test_autosave_saves_quietly_and_reports_a_conflict(client, demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    login(client, demo.users["kuzbass_member"])
    data = {
        "title": "Автосохранение",
        "days": "1",
        "lock_version": "0",
        "stops-TOTAL_FORMS": "0",
        "stops-INITIAL_FORMS": "0",
    }
    url = reverse("assessments:autosave", args=[design.id])
    answer = client.post(url, data).json()
    assert answer["saved"] and answer["lock_version"] == 1
    assert RouteDraftSnapshot.objects.get(design=design).autosave
    response = client.post(url, data)
    assert response.status_code == 409 and not response.json()["saved"]
    assert draft_of(design).title == "Автосохранение"


@pytest.mark.parametrize(
    ("name", "content", "stored_as"),
    [("route.pdf", PDF, "application/pdf"), ("photo.pdf", PNG, "image/png")],
)
def test_attachments_are_typed_by_content_not_by_name(demo, kuzbass_team, name, content, stored_as):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    item = add_attachment(
        design=design, user=demo.users["kuzbass_member"], upload=SimpleUploadedFile(name, content)
    )
    assert item.content_type == stored_as and item.original_name == name
    assert item.file.name.endswith({"application/pdf": ".pdf", "image/png": ".png"}[stored_as])


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("script.pdf", b"<script>alert(1)</script>"),
        SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024)),
    ],
    ids=["lying-extension", "too-large"],
)
def test_bad_attachments_are_refused(demo, kuzbass_team, upload):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    with pytest.raises(ValidationError):
        add_attachment(design=design, user=demo.users["kuzbass_member"], upload=upload)
    assert not RouteAttachment.objects.exists()


def test_attachments_freeze_with_the_version_and_stay_inside_the_team(client, demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    captain = demo.users["kuzbass_captain"]
    item = add_attachment(design=design, user=captain, upload=SimpleUploadedFile("r.pdf", PDF))
    save_route_draft(
        design=design, user=captain, stops=kuzbass_stops(demo), lock_version=0, title="С файлом"
    )
    submit_route(design=design, user=captain)
    assert first_version(design).attachments.get() == item
    assert draft_of(design).attachments.count() == 1
    url = reverse("assessments:attachment", args=[design.id, item.id])
    login(client, demo.users["omsk_member"])
    assert client.get(url).status_code == 404
    login(client, demo.users["mentor"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    # Only the access-checked view serves it: never the public media path, even to the team.
    assert item.file.storage.exists(item.file.name)
    assert client.get(f"/media/{item.file.name}").status_code == 404
    login(client, captain)
    assert client.get(f"/media/{item.file.name}").status_code == 404


def test_a_member_grade_can_differ_from_the_team_with_a_reason(demo, submitted_route):
    review = review_route(
        version=first_version(submitted_route),
        mentor=demo.users["mentor"],
        points=points(submitted_route, 4),
        comment="Принято",
        decision="accept",
    )
    member = demo.users["kuzbass_member"]
    assert member_score(review, member) == 100
    with pytest.raises(ValidationError):
        adjust_member_grade(
            review=review, member=member, score=60, reason=" ", by=demo.users["mentor"]
        )
    adjust_member_grade(
        review=review,
        member=member,
        score=60,
        reason="Не участвовал в выезде",
        by=demo.users["mentor"],
    )
    assert member_score(review, member) == 60
    assert member_score(review, demo.users["kuzbass_captain"]) == 100
    with pytest.raises(PermissionDenied):
        adjust_member_grade(
            review=review, member=member, score=90, reason="—", by=demo.users["admin"]
        )


def test_peer_notes_are_for_teammates_and_shown_to_the_mentor(client, demo, submitted_route):
    captain, member = demo.users["kuzbass_captain"], demo.users["kuzbass_member"]
    save_peer_assessment(
        design=submitted_route,
        author=captain,
        about=member,
        contribution=40,
        comment="Собрал сметы",
    )
    save_peer_assessment(
        design=submitted_route,
        author=captain,
        about=member,
        contribution=45,
        comment="Собрал сметы и договорился с разрезом",
    )
    assert PeerAssessment.objects.get().contribution == 45
    with pytest.raises(PermissionDenied):
        save_peer_assessment(
            design=submitted_route,
            author=captain,
            about=demo.users["omsk_member"],
            contribution=10,
            comment="",
        )
    login(client, demo.users["mentor"])
    page = client.get(reverse("assessments:review", args=[submitted_route.id])).content.decode()
    assert "Собрал сметы и договорился с разрезом" in page


def test_auto_balance_gives_teams_without_a_mentor_the_least_loaded_one(demo):
    from lms.services import user_create

    second = user_create(
        email="m2@example.com", password=None, last_name="В", first_name="Н", roles=("mentor",)
    )
    demo.cohort.mentors.add(second)
    Team.objects.filter(cohort=demo.cohort, name="Команда Омской области").update(mentor=None)
    assigned = auto_balance_mentors(cohort=demo.cohort, by=demo.users["admin"])
    assert assigned == {"Команда Омской области": second.pk}
    with pytest.raises(PermissionDenied):
        auto_balance_mentors(cohort=demo.cohort, by=demo.users["mentor"])


def test_the_captain_is_reminded_once_a_day_before_the_deadline(
    demo, kuzbass_team, django_capture_on_commit_callbacks
):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    demo.assignment.deadline = timezone.now() + dt.timedelta(hours=20)
    demo.assignment.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_deadlines() == 1
        assert remind_deadlines() == 0
    assert [m.to for m in mail.outbox] == [["kuzbass.captain@demo.test"]]
    with django_capture_on_commit_callbacks(execute=True):
        extend_deadline(
            design=design, until=timezone.now() + dt.timedelta(hours=22), by=demo.users["admin"]
        )
        assert remind_deadlines() == 1


def test_the_mentor_sees_what_changed_between_versions(client, demo, submitted_route):
    mentor, captain = demo.users["mentor"], demo.users["kuzbass_captain"]
    review_route(
        version=first_version(submitted_route),
        mentor=mentor,
        points=points(submitted_route),
        comment="Уберите обед",
        decision="return",
    )
    draft = draft_of(submitted_route)
    save_route_draft(
        design=submitted_route,
        user=captain,
        stops=kuzbass_stops(demo)[:2],
        lock_version=draft.lock_version,
        title="Уголь и азот",
        group_size=12,
    )
    submit_route(design=submitted_route, user=captain)
    login(client, mentor)
    page = client.get(reverse("assessments:diff", args=[submitted_route.id, 2])).content.decode()
    assert "Уголь, азот и рельсы" in page and "Уголь и азот" in page
    assert "убрана" in page and "Обед в кафе в центре Кемерова" in page
    login(client, demo.users["omsk_member"])
    assert client.get(reverse("assessments:diff", args=[submitted_route.id, 2])).status_code == 404


def test_the_review_form_suggests_levels_from_the_checker(client, demo, submitted_route):
    login(client, demo.users["mentor"])
    page = client.get(reverse("assessments:review", args=[submitted_route.id])).content.decode()
    safety = submitted_route.assignment.rubric.criteria.get(measured_by="safety")
    gaps = sum(1 for f in first_version(submitted_route).findings if f["code"] == "safety_plan_gap")
    assert gaps > 0
    expected = max(0, safety.max_points - gaps)
    assert f'<option value="{expected}" selected>' in page
