"""The living demo (demo.living, what `load_demo` adds to `build_demo`), built once here on the
session's demo inside the test's transaction."""

from django.urls import reverse
from django.utils import timezone

from assessments.models import (
    FeedbackThread,
    GradeAdjustment,
    PeerAssessment,
    Review,
    RouteDesign,
    SiteBooking,
)
from assessments.route_findings import findings_for_version
from assessments.services import draft_of
from certificates.models import Certificate
from certificates.selectors import cohort_eligibility
from community.models import Topic
from courses.models import EnrollmentRequest
from demo.living import LOGINS, build_living_demo
from lms.models import Team

State = RouteDesign.State


def test_the_living_demo_has_every_phase_and_route_state_and_learners_to_certify(demo, client):
    living = build_living_demo(demo)
    today = timezone.localdate()
    running, pilot, spring = demo.cohort, living.pilot, living.spring

    # Three cohorts: finished, running, open for enrolment (with a request waiting).
    assert pilot.ends_on < today and pilot.ends_on < running.ends_on
    assert running.starts_on <= today and not running.enrolment_open
    assert spring.enrolment_open and spring.starts_on > running.ends_on
    assert EnrollmentRequest.objects.filter(
        cohort=spring, status=EnrollmentRequest.Status.PENDING
    ).exists()

    # Five regional teams of four to eight, one captain each, Kuzbass and Omsk kept.
    teams = list(Team.objects.filter(cohort=running).select_related("region"))
    assert len(teams) == 5 and len({t.region_id for t in teams}) == 5
    for team in teams:
        roles = list(team.memberships.values_list("role", flat=True))
        assert 4 <= len(roles) <= 8 and roles.count("captain") == 1, team.name
    captains = {t.name: t.memberships.get(role="captain").user.email for t in teams}
    assert captains["Команда Кузбасса"] == "kuzbass.captain@demo.test"
    assert captains["Команда Омской области"] == "omsk.captain@demo.test"

    # Routes in every state; one team has not started.
    designs = {d.team.name: d for d in RouteDesign.objects.filter(team__cohort=running)}
    assert sorted(d.state for d in designs.values()) == sorted(
        [State.DRAFT, State.SUBMITTED, State.RETURNED, State.ACCEPTED]
    )
    assert len(designs) == 4
    draft = designs["Команда Омской области"]
    errors = [f for f in findings_for_version(draft_of(draft)) if f["severity"] == "error"]
    assert {"closed_day", "group_too_large", "price_mismatch"} <= {f["code"] for f in errors}
    submitted = designs["Команда Кузбасса"]
    assert submitted.state == State.SUBMITTED
    assert SiteBooking.objects.filter(design=submitted, state="requested").exists()
    returned = designs["Команда Башкортостана"]
    assert returned.state == State.RETURNED
    assert FeedbackThread.objects.filter(design=returned).count() == 2
    returning = Review.objects.get(version__design=returned, status=Review.Status.PUBLISHED)
    assert returning.decision == Review.Decision.RETURN
    accepted = designs["Команда Нижегородской области"]
    review = Review.objects.get(version__design=accepted, status=Review.Status.PUBLISHED)
    assert review.decision == Review.Decision.ACCEPT and review.score is not None
    assert GradeAdjustment.objects.filter(review=review).count() == 1
    assert PeerAssessment.objects.filter(design=accepted).exists()
    assert SiteBooking.objects.filter(design=accepted, state="confirmed").exists()

    # The accepted team is eligible and has no certificate yet; everyone else lacks something,
    # and progress varies from nothing to the whole programme.
    rows = cohort_eligibility(running)
    eligible = {r.user.email for r in rows if r.eligible}
    nizhny = set(
        Team.objects.get(pk=accepted.team_id).memberships.values_list("user__email", flat=True)
    )
    assert eligible == nizhny and len(eligible) == 4
    assert not any(r.certificate for r in rows)
    done = {r.lessons_done for r in rows}
    assert {0, rows[0].lessons_total} <= done and len(done) >= 5

    # The finished cohort: certificates issued, one revoked with a reason, one replaced after
    # its holder's name was corrected.
    certificates = list(Certificate.objects.filter(cohort=pilot))
    by_status = {s: [c for c in certificates if c.status == s] for s in Certificate.Status.values}
    assert len(by_status["valid"]) >= 2
    [revoked] = by_status["revoked"]
    assert revoked.revoked_reason
    [replaced] = by_status["replaced"]
    assert replaced.replaced_by.status == "valid"
    assert replaced.replaced_by.holder_name != replaced.holder_name
    assert RouteDesign.objects.filter(team__cohort=pilot, state=State.ACCEPTED).count() == 2

    # The admin's certificate page offers the eligible learners.
    admin = demo.users["admin"]
    client.force_login(admin)
    page = client.get(reverse("certificates:cohort", args=[running.pk])).content.decode()
    for email in nizhny:
        user = living.people[email]
        assert f'name="selected" value="{user.pk}"' in page
    assert "Выдать всем допущенным (4)" in page

    # Every login lands on its dashboard with something to do there.
    pages = {}
    for email, _password, _finds in LOGINS:
        client.force_login(living.people[email])
        response = client.get(reverse("dashboard"))
        assert response.status_code == 200, email
        pages[email] = response.content.decode()
    assert pilot.title in pages["admin@demo.test"]
    assert reverse("assessments:review", args=[submitted.pk]) in pages["mentor@demo.test"]
    # What happened long before is read; the mentor's news is the route waiting.
    news = demo.users["mentor"].notifications.filter(read_at__isnull=True)
    assert list(news.values_list("kind", flat=True)) == ["route_submitted"]
    shown = {
        email: next(
            (s for s in State.values if f'data-route-state="{s}"' in pages[email]), "not started"
        )
        for email in captains.values()
    }
    assert sorted(shown.values()) == sorted(
        ["not started", "draft", "submitted", "returned", "accepted"]
    )
    assert "#contribution" in pages["kuzbass.captain@demo.test"]  # her notes are asked for
    graduate = Certificate.objects.get(holder__email="perm.captain@demo.test")
    assert graduate.serial in pages["perm.captain@demo.test"]
    # The centre's announcement on the learners' dashboards; a question answered on the board.
    assert "Очная сессия: экскурсия на разрез" in pages["kuzbass.member@demo.test"]
    assert Topic.objects.filter(cohort=running, team=None, answer__isnull=False).count() == 1


def test_the_running_cohort_stays_running_whatever_day_the_demo_is_built(demo):
    import datetime as dt

    import time_machine

    from demo.living import keep_running

    assert keep_running(demo) == 0  # built inside the fixed autumn window: nothing moves
    for today in (dt.date(2027, 2, 10), dt.date(2026, 5, 20)):
        with time_machine.travel(today, tick=False):
            moved = keep_running(demo)
        assert moved != 0 and moved % 7 == 0
        cohort = type(demo.cohort).objects.get(pk=demo.cohort.pk)
        assignment = type(demo.assignment).objects.get(pk=demo.assignment.pk)
        due = assignment.deadline.date()
        assert cohort.starts_on <= today and today + dt.timedelta(days=7) <= due
        assert due < today + dt.timedelta(days=14) and due <= cohort.ends_on
        spring = type(demo.cohort).objects.get(enrolment_open=True, program=demo.program)
        assert spring.starts_on > cohort.ends_on  # the open cohort still comes after it
        demo.cohort.refresh_from_db()
        demo.assignment.refresh_from_db()


def test_the_running_cohorts_peer_stage_is_under_way(demo, client):
    from assessments.models import PeerAllocation, PeerReview, PeerReviewDraft
    from assessments.selectors import peer_phase

    build_living_demo(demo)
    demo.assignment.refresh_from_db()
    assert demo.assignment.peer_review
    assert peer_phase(demo.assignment, demo.cohort) == "peer_review"
    in_force = PeerAllocation.objects.filter(cohort=demo.cohort, superseded_at=None)
    assert in_force.count() == 6  # three routes in, two reviews each
    assert PeerReview.objects.count() == 2 and PeerReviewDraft.objects.count() == 3


def test_the_peer_reviews_sent_are_of_the_route_waiting_for_the_mentor(demo, client):
    from assessments.models import PeerReview
    from assessments.selectors import member_project_score

    living = build_living_demo(demo)
    kuzbass, nizhny = living.routes["kuzbass"], living.routes["nizhny"]
    assert {r.allocation.design_id for r in PeerReview.objects.select_related("allocation")} == {
        kuzbass.pk
    }
    captain = nizhny.team.memberships.get(role="captain").user
    assert member_project_score(nizhny, captain)["score"] == 87.5
    client.force_login(demo.users["mentor"])
    page = client.get(f"/routes/{kuzbass.pk}/review/").content.decode()
    assert 'id="peer-comparison"' in page
