"""Builders for teams' routes, shared by the assessment, certificate and integration tests."""

import datetime as dt
from decimal import Decimal

import pytest

from assessments.models import QuizAttempt, Review, RouteDesign
from assessments.services import (
    StopData,
    review_route,
    save_route_draft,
    start_route,
    submit_route,
)
from certificates.services import issue_certificate
from courses.models import Enrollment, LessonProgress
from lms.models import Membership, Team
from lms.privacy import current_policy
from lms.services import record_consent, user_create
from tests.builders.learning import complete_program


def kuzbass_team_of(demo) -> Team:
    return Team.objects.get(cohort=demo.cohort, name="Команда Кузбасса")


def kuzbass_stops(demo) -> list[StopData]:
    """A feasible Kuzbass morning: the open pit, the chemical works, lunch in town."""
    e = demo.enterprises
    return [
        StopData(e["Кедровский угольный разрез"].pk, dt.time(10, 0), 90, 40),
        StopData(e["КАО «Азот»"].pk, dt.time(12, 10), 120, 15),
        StopData(
            None,
            dt.time(14, 25),
            60,
            0,
            place_name="Обед в кафе в центре Кемерова",
            kind="meal",
            latitude=Decimal("55.354700"),
            longitude=Decimal("86.087300"),
        ),
    ]


def build_draft_route(demo, team=None, stops=None):
    """The team's route with a draft ready to submit (a title and feasible stops)."""
    team = team or kuzbass_team_of(demo)
    captain = team.memberships.get(role="captain").user
    design = start_route(team=team, assignment=demo.assignment)
    save_route_draft(
        design=design,
        user=captain,
        title="Уголь, азот и рельсы",
        narrative="Один день — три отрасли Кузбасса.",
        stops=stops if stops is not None else kuzbass_stops(demo),
        lock_version=0,
    )
    return design


def captain_of(design):
    return design.team.memberships.get(role="captain").user


def build_submitted_route(demo, team=None, stops=None):
    design = build_draft_route(demo, team=team, stops=stops)
    submit_route(design=design, user=captain_of(design))
    design.refresh_from_db()
    return design


def accept_route(demo, design, points=3):
    review_route(
        version=design.versions.filter(submitted_at__isnull=False).latest("number"),
        mentor=demo.users["mentor"],
        points={c.pk: points for c in design.assignment.rubric.criteria.all()},
        comment="Маршрут принят.",
        decision=Review.Decision.ACCEPT,
    )
    design.refresh_from_db()
    return design


def build_graduates(demo):
    """Both Kuzbass learners finish every lesson and their team's route is accepted."""
    accept_route(demo, build_submitted_route(demo))
    learners = [demo.users["kuzbass_captain"], demo.users["kuzbass_member"]]
    for learner in learners:
        complete_program(demo, learner)
    return learners


@pytest.fixture
def kuzbass_team(demo):
    return kuzbass_team_of(demo)


@pytest.fixture
def three_stops(demo):
    return kuzbass_stops(demo)


@pytest.fixture
def submitted_route(demo):
    return build_submitted_route(demo)


def build_many_graduates(demo, count: int, *, prefix="graduate"):
    """`count` learners in the Kuzbass team with every lesson and quiz done, route accepted.

    Progress rows are written in bulk: this builds a large cohort, not a learning journey."""
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    team = kuzbass_team_of(demo)
    if not RouteDesign.objects.filter(team=team, state=RouteDesign.State.ACCEPTED).exists():
        accept_route(demo, build_submitted_route(demo))
    now = timezone.now()
    users = get_user_model().objects.bulk_create(
        get_user_model()(
            email=f"{prefix}{n}@demo.test",
            last_name=f"Выпускникова-{prefix}",
            first_name="Анна",
            middle_name=f"№{n}",
        )
        for n in range(count)
    )
    Enrollment.objects.bulk_create(Enrollment(user=u, cohort=demo.cohort) for u in users)
    Membership.objects.bulk_create(
        Membership(team=team, cohort=demo.cohort, user=u, role=Membership.Role.MEMBER)
        for u in users
    )
    LessonProgress.objects.bulk_create(
        LessonProgress(user=u, lesson=lesson, lesson_title=lesson.title, completed_at=now)
        for u in users
        for lesson in demo.lessons
    )
    QuizAttempt.objects.bulk_create(
        QuizAttempt(
            user=u, quiz=quiz, number=1, score=Decimal("100"), passed=True, submitted_at=now
        )
        for u in users
        for quiz in demo.quizzes.values()
    )
    return users


def second_mentor_for_omsk(demo, *, assign=True):
    """Another mentor, who (if `assign`) mentors the Omsk team only and has agreed to the policy."""

    mentor = user_create(
        email="mentor2@demo.test",
        password=None,
        last_name="Другой",
        first_name="Наставник",
        roles=("mentor",),
    )
    record_consent(mentor, current_policy())
    if assign:
        omsk = Team.objects.get(cohort=demo.cohort, name="Команда Омской области")
        demo.cohort.mentors.add(mentor)
        omsk.mentor = mentor
        omsk.save()
    return mentor


def certified_graduate(demo):
    """The Kuzbass captain, finished, route accepted, certificate issued."""

    accept_route(demo, build_submitted_route(demo))
    captain = demo.users["kuzbass_captain"]
    complete_program(demo, captain)
    return issue_certificate(holder=captain, cohort=demo.cohort, issued_by=demo.users["admin"])


def studio_post(design, draft, stops, **extra):
    """The route studio's form as a browser posts it: the draft's fields and one row per
    (enterprise, arrival) stop; `extra` adds or overrides fields (submit="1" submits,
    "stops-0-kind": "meal" sets a stop's kind)."""
    data = {
        "title": "Маршрут из формы",
        "narrative": "Замысел",
        "days": "1",
        "lock_version": str(draft.lock_version),
        "stops-TOTAL_FORMS": str(len(stops)),
        "stops-INITIAL_FORMS": "0",
        "stops-MIN_NUM_FORMS": "0",
        "stops-MAX_NUM_FORMS": "50",
    }
    for i, (enterprise, arrival) in enumerate(stops):
        data.update(
            {
                f"stops-{i}-enterprise": str(enterprise.pk),
                f"stops-{i}-day": "1",
                f"stops-{i}-arrival_time": arrival,
                f"stops-{i}-stay_minutes": "60",
                f"stops-{i}-transfer_minutes": "45",
                f"stops-{i}-transfer_mode": "coach",
                f"stops-{i}-ORDER": str(i + 1),
            }
        )
    data.update(extra)
    return data


def points(design, value=3) -> dict[int, int]:
    """The same level on every criterion of the route's rubric (3 of 4 gives 75)."""
    return {c.pk: value for c in design.assignment.rubric.criteria.all()}


def first_version(design):
    return design.versions.get(number=1)
