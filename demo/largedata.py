"""A large installation for benchmarks, built on top of the demo in bulk and from a seed.

10,000 learners in 20 cohorts, 2,000 teams, 6 modules × 8 lessons, 100,000 lesson-progress
rows, 20,000 quiz attempts, 2,000 routes of 5–15 stops in 3 versions, 1,000 certificates.
`scale` shrinks every count at once (0.01 for a quick try). Rows go in with bulk_create in
batches; the same seed gives the same data.
"""

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from assessments.models import QuizAttempt, RouteDesign, RouteDesignVersion, RouteStop
from certificates.models import Certificate
from certificates.status import entries_for
from courses.models import Enrollment, LessonPage, LessonProgress
from lms.models import Cohort, Membership, Region, Team

from .build import _publish, build_demo, demo_exists

BATCH = 2000
LESSONS_PER_MODULE = 8


@dataclass
class Counts:
    cohorts: int = 20
    learners: int = 10_000
    teams: int = 2_000
    progress: int = 100_000
    attempts: int = 20_000
    routes: int = 2_000
    certificates: int = 1_000

    def scaled(self, scale: float) -> "Counts":
        return Counts(**{k: max(1, round(v * scale)) for k, v in vars(self).items()})


def _lessons(demo, rng):
    """Bring every module to eight published lessons (the demo has fewer)."""
    lessons = []
    for module in demo.modules:
        have = list(LessonPage.objects.child_of(module).live().specific())
        for n in range(len(have), LESSONS_PER_MODULE):
            have.append(
                _publish(
                    module,
                    LessonPage(
                        title=f"{module.title}: практикум {n + 1}",
                        slug=f"practicum-{n + 1}",
                        summary="Разбор кейса региональной команды.",
                        minutes=rng.choice([20, 30, 45]),
                    ),
                )
            )
        lessons += have
    return lessons


@transaction.atomic
def _analyze() -> None:
    """Planner statistics for the freshly loaded tables, as after any bulk load: autovacuum
    would gather them only later, and until then PostgreSQL plans on guesses."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def generate(*, seed: int = 2026, scale: float = 1.0):
    """Return the demo it built on and the row counts."""
    if demo_exists():
        raise RuntimeError("generate on an empty database: it builds the demo first")
    rng = random.Random(seed)
    counts = Counts().scaled(scale)
    demo = build_demo()
    lessons = _lessons(demo, rng)
    demo.lessons = lessons  # module by module, in order, as the demo lists them
    quizzes = list(demo.quizzes.values())
    enterprises = list(demo.enterprises.values())
    regions = list(Region.objects.all())
    today = dt.date(2026, 9, 1)
    now = timezone.now()

    cohorts = Cohort.objects.bulk_create(
        Cohort(
            title=f"Открытая промышленность — поток {n + 1}",
            program=demo.program,
            starts_on=today + dt.timedelta(weeks=4 * n),
            ends_on=today + dt.timedelta(weeks=4 * n + 12),
            capacity=counts.learners // counts.cohorts + 50,
        )
        for n in range(counts.cohorts)
    )
    teams = Team.objects.bulk_create(
        (
            Team(
                cohort=cohorts[n % len(cohorts)],
                region=regions[n % len(regions)],
                name=f"Команда {n + 1}",
                mentor=demo.users["mentor"] if n % 10 == 0 else None,
            )
            for n in range(counts.teams)
        ),
        batch_size=BATCH,
    )
    password = make_password(None)
    User = get_user_model()
    users = User.objects.bulk_create(
        (
            User(
                email=f"learner{n}@large.test",
                password=password,
                last_name=rng.choice(["Иванова", "Петров", "Сидорова", "Кузнецов", "Смирнова"]),
                first_name=rng.choice(["Анна", "Иван", "Мария", "Олег", "Елена"]),
                middle_name=f"№{n}",
            )
            for n in range(counts.learners)
        ),
        batch_size=BATCH,
    )
    team_of = [teams[n % len(teams)] for n in range(len(users))]
    Enrollment.objects.bulk_create(
        (Enrollment(user=u, cohort=t.cohort) for u, t in zip(users, team_of, strict=True)),
        batch_size=BATCH,
    )
    captains = set()
    memberships = []
    for user, team in zip(users, team_of, strict=True):
        role = Membership.Role.MEMBER
        if team.pk not in captains:
            captains.add(team.pk)
            role = Membership.Role.CAPTAIN
        memberships.append(Membership(team=team, cohort=team.cohort, user=user, role=role))
    Membership.objects.bulk_create(memberships, batch_size=BATCH)

    per_user = max(1, counts.progress // len(users))
    LessonProgress.objects.bulk_create(
        (
            LessonProgress(user=u, lesson=lesson, lesson_title=lesson.title, completed_at=now)
            for u in users
            for lesson in rng.sample(lessons, min(per_user, len(lessons)))
        ),
        batch_size=BATCH,
    )
    attempts_per_user = max(1, counts.attempts // len(users))
    QuizAttempt.objects.bulk_create(
        (
            QuizAttempt(
                user=u,
                quiz=quizzes[k % len(quizzes)],
                number=1 + k // len(quizzes),
                score=Decimal(rng.choice([40, 60, 80, 100])),
                passed=True,
                submitted_at=now,
            )
            for u in users
            for k in range(attempts_per_user)
        ),
        batch_size=BATCH,
    )

    designs = RouteDesign.objects.bulk_create(
        (
            RouteDesign(team=t, assignment=demo.assignment, state=RouteDesign.State.SUBMITTED)
            for t in teams[: counts.routes]
        ),
        batch_size=BATCH,
    )
    versions = RouteDesignVersion.objects.bulk_create(
        (
            RouteDesignVersion(
                design=d,
                number=number,
                title=f"Маршрут {d.team.name}, версия {number}",
                narrative="Один день на предприятиях региона.",
                submitted_at=now if number < 3 else None,
                lock_version=number,
            )
            for d in designs
            for number in (1, 2, 3)
        ),
        batch_size=BATCH,
    )
    RouteStop.objects.bulk_create(
        (
            RouteStop(
                version=v,
                position=p,
                enterprise=rng.choice(enterprises),
                arrival_time=dt.time(9 + p // 2, 30 * (p % 2)),
                stay_minutes=45,
                transfer_minutes=20,
            )
            for v in versions
            for p in range(1, rng.randint(5, 15) + 1)
        ),
        batch_size=BATCH,
    )

    certified = users[: counts.certificates]
    entries = iter(entries_for(Certificate, len(certified)))
    Certificate.objects.bulk_create(
        (
            Certificate(
                holder=u,
                cohort=t.cohort,
                program=demo.program,
                holder_name=u.get_full_name(),
                program_title=demo.program.title,
                qualification="Специалист по развитию промышленного туризма",
                hours=72,
                serial=f"ПТА-БЕНЧ-{n + 1:06d}",
                code=f"bench{seed}x{n:06d}",
                issued_at=now,
                issued_by=demo.users["admin"],
                **dict(zip(("status_list", "status_index"), next(entries), strict=True)),
            )
            for n, (u, t) in enumerate(zip(certified, team_of, strict=False))
        ),
        batch_size=BATCH,
    )
    _analyze()
    return demo, {
        "cohorts": Cohort.objects.count(),
        "teams": Team.objects.count(),
        "learners": len(users),
        "lessons": len(lessons),
        "lesson progress": LessonProgress.objects.count(),
        "quiz attempts": QuizAttempt.objects.count(),
        "routes": RouteDesign.objects.count(),
        "route versions": RouteDesignVersion.objects.count(),
        "route stops": RouteStop.objects.count(),
        "certificates": Certificate.objects.count(),
    }
