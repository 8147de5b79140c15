"""The living demo: what `load_demo` adds on top of `build_demo`, so that every demo login finds
something to do.

- The running cohort (autumn 2026) gets five regional teams of four to six learners, with
  routes in every state: Chelyabinsk has not started, Omsk has a draft with the checker's
  errors, Kuzbass waits for review, Bashkortostan was returned with the mentor's comments, and
  Nizhny Novgorod's was accepted with a published review and member grades. Lessons and
  quizzes are done to varying degrees; the Nizhny Novgorod team has done everything, so its
  members are eligible for a certificate right away, not yet issued.
- A finished pilot cohort (its dates a few months back from today) with two teams, accepted
  routes and certificates issued, one of them revoked and one replaced after a name
  correction. Its routes are undated (a past date would fail the booking lead time the
  checker applies today), and its events carry the time the demo is built: the services
  stamp them with the present.
- The spring 2027 cohort, open for enrolment, with a pending request.

Everything goes through the application's own services (history rows, audit entries,
notifications, bookings), as a centre would run it. The learners' names, e-mail addresses,
scores, comments and reasons are invented (demo values).
"""

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from assessments.models import Review, RouteDesign, SiteBooking
from assessments.selectors import lesson_quizzes
from assessments.services import (
    StopData,
    adjust_member_grade,
    decide_booking,
    open_thread,
    review_route,
    save_peer_assessment,
    save_route_draft,
    start_route,
    submit_quiz_attempt,
    submit_route,
)
from certificates.models import Certificate
from certificates.services import (
    issue_certificate,
    reissue_certificate,
    revoke_certificate,
    set_attendance,
)
from core.notifications import mark_read
from courses.models import Enrollment
from courses.services import mark_lesson_done, request_enrollment
from lms import roles
from lms.forms import ProfileForm
from lms.models import Cohort, Membership, Region, Team
from lms.privacy import current_policy
from lms.services import (
    member_add,
    record_consent,
    team_create,
    user_create,
)

from . import content
from .build import (
    ADMIN_PASSWORD,
    LEARNER_PASSWORD,
    MENTOR_PASSWORD,
    Demo,
    _checklist_for,
    _next_monday,
    _plan_for,
    build_sample_routes,
)
from .living_community import build_living_community
from .living_peer import build_living_peer

PILOT_TEAM_SIZE = 4

# Invented people (demo values): e-mail, surname, first name, patronymic. The first of each
# team is its captain. The Kuzbass and Omsk teams keep the captain and member of build_demo.
RUNNING_TEAMS = {
    "kuzbass": {
        "name": "Команда Кузбасса",
        "region": content.KUZBASS,
        "people": [
            ("s.ugolnikova@demo.test", "Угольникова", "Светлана", "Петровна"),
            ("m.rudakov@demo.test", "Рудаков", "Максим", "Андреевич"),
            ("a.tomilova@demo.test", "Томилова", "Алина", "Руслановна"),
            ("i.prokopyev@demo.test", "Прокопьев", "Илья", "Викторович"),
        ],
    },
    "omsk": {
        "name": "Команда Омской области",
        "region": content.OMSK,
        "people": [
            ("i.tarskaya@demo.test", "Тарская", "Ирина", "Владимировна"),
            ("p.luzin@demo.test", "Лузин", "Павел", "Геннадьевич"),
            ("d.cherlakova@demo.test", "Черлакова", "Дарья", "Ильинична"),
        ],
    },
    "bashkortostan": {
        "name": "Команда Башкортостана",
        "region": content.BASHKORTOSTAN,
        "people": [
            ("bashkortostan.captain@demo.test", "Галиева", "Айгуль", "Рамилевна"),
            ("bashkortostan.member@demo.test", "Хасанов", "Тимур", "Ринатович"),
            ("z.yulaeva@demo.test", "Юлаева", "Зарина", "Маратовна"),
            ("k.belousov@demo.test", "Белоусов", "Кирилл", "Сергеевич"),
            ("n.ufimtseva@demo.test", "Уфимцева", "Наталья", "Олеговна"),
        ],
    },
    "nizhny": {
        "name": "Команда Нижегородской области",
        "region": content.NIZHNY,
        "people": [
            ("nizhny.captain@demo.test", "Волжская", "Анна", "Дмитриевна"),
            ("nizhny.member@demo.test", "Окский", "Роман", "Игоревич"),
            ("y.sormova@demo.test", "Сормова", "Юлия", "Алексеевна"),
            ("g.vyksunov@demo.test", "Выксунов", "Георгий", "Павлович"),
        ],
    },
    "chelyabinsk": {
        "name": "Команда Челябинской области",
        "region": content.CHELYABINSK,
        "people": [
            ("chelyabinsk.captain@demo.test", "Уральцева", "Вера", "Андреевна"),
            ("chelyabinsk.member@demo.test", "Магнитов", "Степан", "Олегович"),
            ("k.miasskaya@demo.test", "Миасская", "Ксения", "Юрьевна"),
            ("d.zlatoustov@demo.test", "Златоустов", "Денис", "Романович"),
        ],
    },
}

# How many lessons (in the programme's order, so the locked modules open in turn) each
# learner of a team has finished, captain first, and whose first quiz attempt failed.
PROGRESS = {
    "kuzbass": [12, 9, 7, 5, 4, 2],
    "omsk": [6, 4, 3, 2, 1],
    "bashkortostan": [10, 8, 8, 6, 3],
    "nizhny": [12, 12, 12, 12],
    "chelyabinsk": [3, 2, 1, 0],
}
FAILED_FIRST = {"m.rudakov@demo.test", "y.sormova@demo.test", "k.belousov@demo.test"}

PILOT_TEAMS = {
    "perm": {
        "name": "Команда Пермского края",
        "region": content.PERM,
        "people": [
            ("perm.captain@demo.test", "Камская", "Людмила", "Сергеевна"),
            ("o.permyakov@demo.test", "Пермяков", "Олег", "Викторович"),
            ("e.motorina@demo.test", "Моторина", "Елена", "Аркадьевна"),
            ("a.chusovskoy@demo.test", "Чусовской", "Артур", "Ильич"),
        ],
    },
    "novokuznetsk": {
        "name": "Команда Новокузнецка",
        "region": content.KUZBASS,
        "people": [
            ("k.abasheva@demo.test", "Абашева", "Кира", "Николаевна"),
            ("a.relsov@demo.test", "Рельсов", "Антон", "Юрьевич"),
            # Registered with a typo in her surname, corrected later: her certificate is
            # reissued under the right name and the first one is marked replaced.
            ("m.kondomova@demo.test", "Кандомова", "Мария", "Степановна"),
            ("n.telbesov@demo.test", "Тельбесов", "Никита", "Андреевич"),
        ],
    },
}
REVOKED = "o.permyakov@demo.test"
RENAMED = ("m.kondomova@demo.test", "Кондомова")
APPLICANT = ("v.zavodskaya@demo.test", "Заводская", "Валентина", "Петровна")

# Every demo login and what it finds on signing in (the README lists the same).
LOGINS = [
    ("admin@demo.test", ADMIN_PASSWORD, "администратор: допущенные к выдаче, заявка, посещения"),
    ("mentor@demo.test", MENTOR_PASSWORD, "наставник: маршрут Кузбасса ждёт проверки"),
    ("kuzbass.captain@demo.test", LEARNER_PASSWORD, "капитан: маршрут на проверке"),
    ("kuzbass.member@demo.test", LEARNER_PASSWORD, "участник: оценка вклада, уроки"),
    ("omsk.captain@demo.test", LEARNER_PASSWORD, "капитан: черновик с ошибками"),
    ("omsk.member@demo.test", LEARNER_PASSWORD, "участник: уроки, черновик"),
    ("bashkortostan.captain@demo.test", LEARNER_PASSWORD, "капитан: возвращён с замечаниями"),
    ("nizhny.captain@demo.test", LEARNER_PASSWORD, "капитан: маршрут принят, допущена"),
    ("nizhny.member@demo.test", LEARNER_PASSWORD, "участник: балл выставлен отдельно"),
    ("chelyabinsk.captain@demo.test", LEARNER_PASSWORD, "капитан: маршрут не начат"),
    ("perm.captain@demo.test", LEARNER_PASSWORD, "выпускница пилотного потока: PDF"),
]


@dataclass
class Living:
    """What the living layer made, for tests and the printed summary."""

    pilot: Cohort
    spring: Cohort
    teams: dict[str, Team] = field(default_factory=dict)
    routes: dict[str, RouteDesign] = field(default_factory=dict)
    people: dict[str, object] = field(default_factory=dict)  # by e-mail


def right_answers(quiz) -> dict:
    """Answers that pass the quiz (every question right)."""
    answers = {}
    for question in quiz.graded_questions():
        if question.kind == "numeric":
            answers[question.id] = str(question.answer)
        elif question.kind == "single":
            answers[question.id] = next(iter(question.correct_choices))
        else:
            answers[question.id] = sorted(question.correct_choices)
    return answers


def wrong_answers(quiz) -> dict:
    """Answers that fail the quiz (every question wrong)."""
    answers = {}
    for question in quiz.graded_questions():
        if question.kind == "numeric":
            answers[question.id] = str(question.answer + question.tolerance + 1000)
        else:
            wrong = sorted(question.choice_ids - question.correct_choices)
            answers[question.id] = wrong[0] if question.kind == "single" else wrong[:1]
    return answers


def study(user, lessons, *, fail_first: bool = False) -> None:
    """The learner works through `lessons` in order: passes each one's quizzes (after one
    failed attempt at the first, if `fail_first`) and finishes the lesson."""
    for lesson in lessons:
        quizzes = lesson_quizzes(lesson)
        for quiz in quizzes:
            attempts = [wrong_answers(quiz)] if fail_first else []
            fail_first = False
            for number, answers in enumerate([*attempts, right_answers(quiz)], start=1):
                submit_quiz_attempt(
                    user=user, quiz=quiz, lesson=lesson, answers=answers, attempt_number=number
                )
        if not quizzes:  # a passed quiz finishes its lesson by itself
            mark_lesson_done(user=user, lesson=lesson)


def _learner(email, last, first, middle, policy, password_hash):
    user = user_create(
        email=email,
        password=None,
        last_name=last,
        first_name=first,
        middle_name=middle,
        roles=(roles.LEARNER,),
    )
    # Everyone shares the demo's learner password: hashed once, not thirty times over (each
    # hash costs the better part of a second, by design).
    user.password = password_hash
    user.save(update_fields=["password"])
    record_consent(user, policy)
    return user


def _team(cohort, spec, mentor, policy, password_hash, *, existing=None) -> tuple[Team, list]:
    """The team with its people, captain first: an existing team grows."""
    region = Region.objects.get(name=spec["region"])
    team = existing or team_create(cohort=cohort, region=region, name=spec["name"], mentor=mentor)
    people = [m.user for m in team.memberships.select_related("user").order_by("role", "id")]
    for email, last, first, middle in spec["people"]:
        user = _learner(email, last, first, middle, policy, password_hash)
        role = Membership.Role.MEMBER if people else Membership.Role.CAPTAIN
        member_add(team=team, user=user, role=role)
        people.append(user)
    return team, people


def _read(users, *, kind: str | None = None) -> None:
    """The users have read their notifications (of `kind`), as the notifications page marks
    them: what the demo did long before it is built is no news on the dashboard."""
    for user in users:
        unread = user.notifications.filter(read_at__isnull=True)
        if kind is not None:
            unread = unread.filter(kind=kind)
        mark_read(user=user, ids=list(unread.values_list("pk", flat=True)))


def _reviewed(mentor, people) -> None:
    """The mentor has read the submission; the team's call for contribution notes is over."""
    _read([mentor])
    _read(people, kind="contribution_requested")


def _draft(team, assignment, captain, stops, **fields) -> RouteDesign:
    design = start_route(team=team, assignment=assignment)
    save_route_draft(design=design, user=captain, stops=stops, lock_version=0, **fields)
    return design


def _points(design, levels) -> dict[int, int]:
    criteria = design.assignment.rubric.criteria.order_by("sort_order")
    return {c.pk: level for c, level in zip(criteria, levels, strict=True)}


def _latest(design):
    return design.versions.filter(submitted_at__isnull=False).latest("number")


def _meal(name, lat, lon, arrival, stay=60, transfer=20, day=1) -> StopData:
    # The cafés are invented (demo values): a point of their own in town, no enterprise's.
    return StopData(
        None,
        arrival,
        stay,
        transfer,
        day=day,
        place_name=name,
        kind="meal",
        latitude=Decimal(lat),
        longitude=Decimal(lon),
    )


def _fields(enterprises, *, title, narrative, audience, price, costs, meeting, start_date):
    return {
        "title": title,
        "narrative": narrative,
        "audience": audience,
        "audience_min_age": max([14, *(e.min_age for e in enterprises)]),
        "group_size": min(min(e.max_group_size for e in enterprises), 20),
        "start_date": start_date,
        "days": 1,
        "price_per_person": Decimal(price),
        "cost_items": [{"label": label, "amount": amount} for label, amount in costs],
        "meeting_point": meeting,
        "safety_plan": _plan_for(enterprises),
        "safety_answers": _checklist_for(enterprises),
    }


def _bashkortostan_route(demo, team, captain) -> RouteDesign:
    """Submitted, then returned: comments on a stop and on the costs, a published review."""
    e = demo.enterprises
    polief = e["ПОЛИЭФ"]
    design = _draft(
        team,
        demo.assignment,
        captain,
        [
            StopData(polief.pk, dt.time(10, 0), 150, 25),
            _meal("Обед в кафе на набережной Благовещенска", "55.0400", "55.9800", dt.time(12, 55)),
        ],
        **_fields(
            [polief],
            title="Вторая жизнь пластика: ПОЛИЭФ",
            narrative="Как из ПЭТ-бутылок снова делают сырьё: экологический маршрут для "
            "студентов химических специальностей.",
            audience="students",
            price="3500.00",
            costs=[("Трансфер из Уфы", "1500.00"), ("Обед", "600.00"), ("Экскурсия", "1400.00")],
            meeting="Уфа, железнодорожный вокзал",
            start_date=_next_monday(35),
        ),
    )
    submit_route(design=design, user=captain)
    version = _latest(design)
    mentor = demo.users["mentor"]
    first = version.stops.get(position=1)
    open_thread(
        version=version,
        author=mentor,
        body="Два с половиной часа на одной площадке для студентов много: добавьте вторую "
        "остановку — например, Башкирскую содовую компанию на второй день.",
        stop_key=first.key.hex,
    )
    open_thread(
        version=version,
        author=mentor,
        body="Трансфер из Уфы за 1500 ₽ на человека — откуда цифра? Приложите расчёт автобуса "
        "на группу.",
        field_name="cost_items",
    )
    review_route(
        version=version,
        mentor=mentor,
        points=_points(design, [3, 2, 3, 2]),
        comment="Хорошая идея и аккуратный чек-лист безопасности. Маршрут пока слишком короткий "
        "для заявленной цены: посмотрите замечания к остановке и к затратам и отправьте снова.",
        decision=Review.Decision.RETURN,
    )
    _reviewed(mentor, [m.user for m in team.memberships.select_related("user")])
    return design


def _nizhny_route(demo, team, people) -> RouteDesign:
    """Submitted, contribution notes from the team, accepted; one member's own score; the
    visits confirmed by the centre."""
    captain, *members = people
    gaz = demo.enterprises["Горьковский автомобильный завод"]
    design = _draft(
        team,
        demo.assignment,
        captain,
        [
            StopData(gaz.pk, dt.time(10, 0), 150, 20),
            _meal("Обед в кафе у проходной автозавода", "56.2440", "43.8700", dt.time(12, 50)),
        ],
        **_fields(
            [gaz],
            title="Как собирают «ГАЗель»: конвейер и музей ГАЗа",
            narrative="Профориентация для школьников: сборочный конвейер, музей завода и встреча "
            "с молодыми инженерами.",
            audience="schoolchildren",
            price="2800.00",
            costs=[("Трансфер", "900.00"), ("Обед", "600.00"), ("Экскурсия", "1300.00")],
            meeting="Нижний Новгород, площадь Ленина",
            start_date=_next_monday(21),
        ),
    )
    submit_route(design=design, user=captain)
    shares = [35, 30, 20, 15]
    for author in people:
        for about, share in zip(people, shares, strict=True):
            save_peer_assessment(
                design=design,
                author=author,
                about=about,
                contribution=share,
                comment="Вёл(а) переговоры с заводом." if about == captain else "",
            )
    mentor = demo.users["mentor"]
    review = review_route(
        version=_latest(design),
        mentor=mentor,
        points=_points(design, [4, 3, 4, 3]),
        comment="Выполнимый и продаваемый маршрут: время на площадках выдержано, требования "
        "завода к школьникам учтены. Принят.",
        decision=Review.Decision.ACCEPT,
    )
    adjust_member_grade(
        review=review,
        member=members[-1],
        score=Decimal("80.0"),
        reason="По оценкам команды вклад в расчёт экономики меньше, чем у остальных.",
        by=mentor,
    )
    _reviewed(mentor, people)
    for booking in SiteBooking.objects.filter(design=design, state=SiteBooking.State.REQUESTED):
        decide_booking(
            booking=booking, by=demo.users["admin"], confirm=True, note="Завод подтвердил."
        )
    return design


def _pilot_route(demo, team, captain, stops, enterprises, title) -> None:
    """An undated route (the pilot's dates are past), submitted and accepted."""
    design = _draft(
        team,
        demo.assignment,
        captain,
        stops,
        **{
            **_fields(
                enterprises,
                title=title,
                narrative="Маршрут пилотного потока, принятый наставником.",
                audience="students",
                price="4200.00",
                costs=[("Трансфер", "1600.00"), ("Обед", "700.00"), ("Экскурсия", "1900.00")],
                meeting="Центр города",
                start_date=None,
            ),
            "audience": "corporate",
        },
    )
    submit_route(design=design, user=captain)
    review_route(
        version=_latest(design),
        mentor=demo.users["mentor"],
        points=_points(design, [4, 4, 3, 3]),
        comment="Маршрут принят: можно передавать туроператору.",
        decision=Review.Decision.ACCEPT,
    )


def _correct_name(user, last_name: str) -> None:
    """The learner corrects her surname in her profile (the form the profile page saves)."""
    form = ProfileForm(
        {
            "last_name": last_name,
            "first_name": user.first_name,
            "middle_name": user.middle_name,
            "language": user.language,
            "reminder_emails": "on" if user.reminder_emails else "",
        },
        instance=user,
        registry=False,
    )
    if not form.is_valid():
        raise ValueError(form.errors.as_text())
    form.save()


def _pilot_cohort(demo, policy, password_hash, living: Living) -> Cohort:
    """Finished a fortnight ago: two teams, accepted routes, certificates issued, one
    revoked, one replaced after a name correction."""
    ends = timezone.localdate() - dt.timedelta(days=14)
    starts = ends - dt.timedelta(weeks=16)
    pilot = Cohort.objects.create(
        title=f"Открытая промышленность — пилотный поток {starts.year}",
        program=demo.program,
        starts_on=starts,
        ends_on=ends,
        capacity=40,
        max_team_size=PILOT_TEAM_SIZE,
    )
    mentor, admin = demo.users["mentor"], demo.users["admin"]
    e = demo.enterprises
    motors = e["ОДК-Пермские моторы"]
    evraz, aluminium = e["ЕВРАЗ ЗСМК, рельсобалочный цех"], e["Новокузнецкий алюминиевый завод"]
    routes = {
        "perm": (
            [
                StopData(motors.pk, dt.time(10, 0), 150, 25),
                _meal("Обед в кафе на набережной Камы", "58.0150", "56.2300", dt.time(12, 55)),
            ],
            [motors],
            "Небо начинается в Перми: как собирают авиадвигатели",
        ),
        "novokuznetsk": (
            [
                StopData(evraz.pk, dt.time(9, 30), 120, 30),
                StopData(aluminium.pk, dt.time(12, 0), 120, 25),
                _meal("Обед в кафе в центре Новокузнецка", "53.7600", "87.1100", dt.time(14, 25)),
            ],
            [evraz, aluminium],
            "Металл Новокузнецка: рельсы и алюминий",
        ),
    }
    graduates = []
    for key, spec in PILOT_TEAMS.items():
        team, people = _team(pilot, spec, mentor, policy, password_hash)
        living.teams[f"pilot_{key}"] = team
        stops, enterprises, title = routes[key]
        _pilot_route(demo, team, people[0], stops, enterprises, title)
        for user in people:
            study(user, demo.lessons)
        _read([mentor, *people])  # months ago; only their certificates will be news
        graduates.extend(people)
    set_attendance(
        {
            enrollment: 100 if n % 3 else 92
            for n, enrollment in enumerate(Enrollment.objects.filter(cohort=pilot).order_by("id"))
        },
        by=admin,
    )
    issued = {
        user.email: issue_certificate(holder=user, cohort=pilot, issued_by=admin)
        for user in graduates
    }
    revoke_certificate(
        certificate=issued[REVOKED],
        reason="Выдано по ошибке: слушатель не защищал проект команды лично (демо-пример).",
        revoked_by=admin,
    )
    email, surname = RENAMED
    renamed = get_user_model().objects.get(email=email)
    old_surname = renamed.last_name
    _correct_name(renamed, surname)
    reissue_certificate(
        certificate=issued[email],
        reissued_by=admin,
        reason=f"Опечатка в фамилии: «{old_surname}» исправлена на «{surname}».",
    )
    return pilot


@transaction.atomic
def keep_running(demo: Demo) -> int:
    """Move the running cohort (and the one open for enrolment after it) and the project's
    deadline by whole weeks, so that today falls inside the cohort with the deadline one to
    two weeks ahead, whatever day the demo is built: `build_demo` keeps the fixed dates the
    tests are written against. Returns the days moved (0: the dates already fit)."""
    today = timezone.localdate()
    cohort, assignment = demo.cohort, demo.assignment
    zone = ZoneInfo(assignment.time_zone)
    due = assignment.deadline.astimezone(zone).date()
    if cohort.starts_on <= today and today + dt.timedelta(days=7) <= due <= cohort.ends_on:
        return 0
    shift = dt.timedelta(weeks=math.ceil((today + dt.timedelta(days=7) - due).days / 7))
    for moved in Cohort.objects.filter(program=demo.program, starts_on__gte=cohort.starts_on):
        moved.starts_on += shift
        moved.ends_on += shift
        moved.save(update_fields=["starts_on", "ends_on"])
    cohort.refresh_from_db()
    assignment.deadline += shift
    assignment.save_revision().publish()
    return shift.days


def build_living_demo(demo: Demo) -> Living:
    """Add the living layer to a demo that `build_demo` has just made (see the module's
    docstring); call once."""
    keep_running(demo)
    policy = current_policy()
    password_hash = make_password(LEARNER_PASSWORD)
    mentor = demo.users["mentor"]
    spring = Cohort.objects.get(program=demo.program, enrolment_open=True)
    living = Living(pilot=None, spring=spring)

    people = {}
    for key, spec in RUNNING_TEAMS.items():
        existing = Team.objects.filter(cohort=demo.cohort, name=spec["name"]).first()
        team, people[key] = _team(
            demo.cohort, spec, mentor, policy, password_hash, existing=existing
        )
        living.teams[key] = team
        for user, done in zip(people[key], PROGRESS[key], strict=True):
            study(user, demo.lessons[:done], fail_first=user.email in FAILED_FIRST)

    living.routes["bashkortostan"] = _bashkortostan_route(
        demo, living.teams["bashkortostan"], people["bashkortostan"][0]
    )
    living.routes["nizhny"] = _nizhny_route(demo, living.teams["nizhny"], people["nizhny"])
    living.pilot = _pilot_cohort(demo, policy, password_hash, living)

    # Last, so that it is the mentor's news: Kuzbass waits for review, Omsk's draft has errors.
    build_sample_routes(demo)
    kuzbass = RouteDesign.objects.get(team=living.teams["kuzbass"], assignment=demo.assignment)
    # Two members have left their notes on who did what; the captain and the rest have not yet.
    authors = people["kuzbass"][1:3]
    for author in authors:
        for about, share in zip(people["kuzbass"], [30, 25, 15, 10, 10, 10], strict=True):
            save_peer_assessment(
                design=kuzbass, author=author, about=about, contribution=share, comment=""
            )
    _read(authors, kind="contribution_requested")
    living.routes["kuzbass"] = kuzbass
    living.routes["omsk"] = RouteDesign.objects.get(team=living.teams["omsk"])
    build_living_peer(demo, kuzbass)

    applicant = user_create(
        email=APPLICANT[0],
        password=None,
        last_name=APPLICANT[1],
        first_name=APPLICANT[2],
        middle_name=APPLICANT[3],
        roles=(roles.LEARNER,),
    )
    record_consent(applicant, policy)
    request_enrollment(user=applicant, cohort=spring)

    living.people = {
        u.email: u
        for u in get_user_model().objects.filter(
            email__in=[email for email, *_rest in LOGINS]
            + [p[0] for t in (*RUNNING_TEAMS.values(), *PILOT_TEAMS.values()) for p in t["people"]]
        )
    }
    build_living_community(demo, living)
    for design in living.routes.values():
        design.refresh_from_db()
    return living


def summary(living: Living) -> list[str]:
    """One line per thing the living layer made, for `load_demo`'s output."""
    states = dict(RouteDesign.State.choices)
    lines = [
        f"{team.name}: {team.memberships.count()} чел., маршрут — "
        + (str(states[living.routes[key].state]) if key in living.routes else "не начат")
        for key, team in living.teams.items()
        if not key.startswith("pilot_")
    ]
    statuses = dict(Certificate.Status.choices)
    counts = {}
    for status in Certificate.objects.filter(cohort=living.pilot).values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    lines.append(
        f"{living.pilot.title}: удостоверения — "
        + ", ".join(f"{statuses[s]}: {n}" for s, n in sorted(counts.items()))
    )
    return lines
