"""The demo installation: a real program structure, regions, enterprises, people.

Built through the same services the application uses. Figures come from public
sources named in each lesson; enterprises' visiting rules that no public source
gives (minimum age, group size, booking lead time) are marked as demo values.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from assessments import route_findings
from assessments.models import Criterion, Quiz, RouteAssignmentPage, Rubric
from assessments.services import StopData, save_route_draft, start_route, submit_route
from certificates.models import CertificateTemplate, Signatory
from courses.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    Competency,
    Enterprise,
    HomePage,
    LessonPage,
    ModulePage,
    ProgramPage,
    Theme,
)
from lms import roles
from lms.models import Cohort, Membership, PrivacyPolicyPage, Region, Team
from lms.services import (
    member_add,
    record_consent,
    set_name_dissemination,
    team_create,
    user_create,
)

from . import artwork, content, content_en

ADMIN_PASSWORD = "demo-admin-2026"
MENTOR_PASSWORD = "demo-mentor-2026"
LEARNER_PASSWORD = "demo-learner-2026"

PROGRAM_TITLE = "Специалист по развитию промышленного туризма"
AUTUMN_COHORT = "Открытая промышленность — осенний поток 2026"
KUZBASS = "Кемеровская область — Кузбасс"
OMSK = "Омская область"


def p(*paragraphs: str) -> RichText:
    return RichText("".join(f"<p>{text}</p>" for text in paragraphs))


@dataclass
class Demo:
    home: HomePage
    program: ProgramPage
    lessons: list[LessonPage]
    assignment: RouteAssignmentPage
    cohort: Cohort
    enterprises: dict[str, Enterprise]
    modules: list[ModulePage] = field(default_factory=list)
    quizzes: dict[str, Quiz] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)


# name, what is assessed, weight, measured by the checker
RUBRIC = [
    ("Концепция и аудитория", "Идея, аудитория, региональная идентичность.", 2, ""),
    ("Логистика и выполнимость", "Переезды, время на площадках, часы приёма.", 3, "logistics"),
    ("Безопасность и требования предприятий", "СИЗ, документы, возраст, группа.", 3, "safety"),
    ("Экономика маршрута", "Цена, структура затрат, окупаемость для оператора.", 2, ""),
]
LEVELS = "\n".join(
    [
        "не раскрыто",
        "раскрыто фрагментарно, есть грубые ошибки",
        "раскрыто в основном, есть существенные недочёты",
        "раскрыто, недочёты мелкие",
        "раскрыто полно и убедительно",
    ]
)

PEOPLE = {
    "admin": ("admin@demo.test", ADMIN_PASSWORD, "Соколова", "Марина", "Викторовна"),
    "mentor": ("mentor@demo.test", MENTOR_PASSWORD, "Лебедев", "Андрей", "Павлович"),
    "kuzbass_captain": (
        "kuzbass.captain@demo.test",
        LEARNER_PASSWORD,
        "Кузнецова",
        "Елена",
        "Игоревна",
    ),
    "kuzbass_member": (
        "kuzbass.member@demo.test",
        LEARNER_PASSWORD,
        "Шахтёров",
        "Дмитрий",
        "Олегович",
    ),
    "omsk_captain": ("omsk.captain@demo.test", LEARNER_PASSWORD, "Иртышова", "Ольга", "Николаевна"),
    "omsk_member": ("omsk.member@demo.test", LEARNER_PASSWORD, "Сибиряков", "Артём", "Сергеевич"),
}


def demo_exists() -> bool:
    return ProgramPage.objects.filter(title=PROGRAM_TITLE).exists()


def read_demo() -> Demo:
    """The demo that `build_demo` made, read back from the database (a fixed number of
    queries): for tests that share one demo database, built once."""
    program = ProgramPage.objects.get(title=PROGRAM_TITLE)
    cohort = Cohort.objects.get(title=AUTUMN_COHORT)
    cohort.program = program  # one instance, as build_demo leaves it
    quiz_titles = {spec["title"]: key for key, spec in content.QUIZZES.items()}
    emails = {spec[0]: key for key, spec in PEOPLE.items()}
    names = [spec["name"] for spec in content.ENTERPRISES]
    return Demo(
        home=HomePage.objects.get(locale__language_code=settings.LANGUAGE_CODE),
        program=program,
        lessons=list(LessonPage.objects.descendant_of(program).order_by("path")),
        modules=list(ModulePage.objects.child_of(program).order_by("path")),
        assignment=RouteAssignmentPage.objects.descendant_of(program).get(slug="route-project"),
        cohort=cohort,
        enterprises={e.name: e for e in Enterprise.objects.filter(name__in=names)},
        quizzes={quiz_titles[q.title]: q for q in Quiz.objects.filter(title__in=list(quiz_titles))},
        users={emails[u.email]: u for u in get_user_model().objects.filter(email__in=list(emails))},
    )


def _certificate_template() -> CertificateTemplate:
    """The demo's certificate: the centre's mark, two signatures and a seal, all drawn by
    demo.artwork and marked as demo values; the names are invented (demo values)."""
    spec = content.CERTIFICATE_TEMPLATE
    template = CertificateTemplate.objects.create(
        name=spec["name"],
        organisation=spec["organisation"],
        city=spec["city"],
        logo=artwork.logo(),
        seal=artwork.seal(spec["organisation"]),
    )
    for order, (name, position) in enumerate(spec["signatories"]):
        Signatory.objects.create(
            template=template,
            name=name,
            position=position,
            sort_order=order,
            signature=artwork.signature(order + 7, f"Подпись: {name} (демо)", f"sign-{order}.png"),
        )
    return template


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _home() -> HomePage:
    root = Page.get_first_root_node()
    if root is None:
        # A flushed database (transactional tests) has lost Wagtail's root page.
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        locale, _ = Locale.objects.get_or_create(language_code=language)
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    for child in root.get_children():
        if not isinstance(child.specific, HomePage):
            Site.objects.filter(root_page=child).delete()
            child.delete()
    home = HomePage(
        title="Промтуризм.Академия",
        slug="home",
        intro=p(
            "Учебная платформа для региональных команд, которые открывают действующие заводы, "
            "шахты и комбинаты для гостей: курсы с кейсами регионов, командный проект маршрута "
            "с наставником и удостоверение, которое проверит любой работодатель."
        ),
    )
    _publish(root, home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "Промтуризм.Академия",
        },
    )
    return home


def _translate(page: Page, fields: dict, *, language: str = "en") -> Page:
    """The page's translation, made as the admin's «Перевести» makes it (a copy in the
    locale), given the translated fields and published."""
    locale, _created = Locale.objects.get_or_create(language_code=language)
    translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


def _translate_demo(
    *, home, cases_index, program, modules, case_studies, enterprises, assignment
) -> None:
    """The English demo: home, programme, modules, the route project, the case study index
    and case studies (demo.content_en); lessons stay Russian."""
    _translate(home, {"title": content_en.HOME["title"], "intro": content_en.HOME["intro"]})
    _translate(cases_index, content_en.CASE_STUDY_INDEX)
    for slug, case in case_studies.items():
        spec = content_en.CASE_STUDIES[slug]
        body = _body(spec["body"], enterprises=enterprises, case_studies={}, quizzes={})
        _translate(case, {**spec, "body": body})
    spec = content_en.PROGRAM
    translated = program.copy_for_translation(Locale.objects.get(language_code="en"))
    for field_name in ("title", "summary", "format", "qualification"):
        setattr(translated, field_name, spec[field_name])
    translated.entry_requirements = spec["entry_requirements"]
    translated.description = spec["description"]
    for competency, (code, name) in zip(
        translated.competencies.order_by("sort_order"), spec["competencies"], strict=True
    ):
        competency.code, competency.name = code, name
        competency.save(update_fields=["code", "name"])
    translated.save_revision().publish()
    for slug, module in modules.items():
        _translate(module, content_en.MODULES[slug])
    _translate(assignment, content_en.ROUTE_ASSIGNMENT)


def _body(blocks, *, enterprises, case_studies, quizzes):
    """Turn the content spec's block tuples into StreamField data."""
    body = []
    for kind, *args in blocks:
        if kind == "paragraph":
            body.append(("paragraph", RichText(args[0])))
        elif kind == "facts":
            body.append(("facts", [{"label": label, "value": value} for label, value in args[0]]))
        elif kind == "enterprise":
            body.append(("enterprise", {"enterprise": enterprises[args[0]]}))
        elif kind == "case_study":
            note = args[1] if len(args) > 1 else ""
            body.append(("case_study", {"case_study": case_studies[args[0]], "note": note}))
        elif kind == "quiz":
            body.append(("quiz", {"quiz": quizzes[args[0]]}))
        else:  # heading, quote, sources
            body.append((kind, args[0]))
    return body


def _quiz_questions(questions):
    stream = []
    for question in questions:
        if question["kind"] == "numeric":
            stream.append(
                (
                    "numeric",
                    {
                        "text": question["text"],
                        "answer": Decimal(question["answer"]),
                        "tolerance": Decimal(question.get("tolerance", "0")),
                        "unit": question.get("unit", ""),
                        "explanation": question.get("explanation", ""),
                    },
                )
            )
        else:
            stream.append(
                (
                    question["kind"],
                    {
                        "text": question["text"],
                        "choices": [
                            {"text": text, "correct": correct}
                            for text, correct in question["choices"]
                        ],
                        "explanation": question.get("explanation", ""),
                    },
                )
            )
    return stream


def _next_monday(after_days: int = 28) -> dt.date:
    """The first Monday `after_days` from today that is no public holiday (the demo's
    submitted route must pass the checker whatever week the demo is built in)."""
    day = dt.date.today() + dt.timedelta(days=after_days)
    day += dt.timedelta(days=(7 - day.weekday()) % 7)
    while day in route_findings.russian_calendar(day.year)[0]:
        day += dt.timedelta(days=7)
    return day


def _plan_for(enterprises) -> str:
    lines = ["Инструктаж по безопасности на каждой площадке, группа идёт за сопровождающим."]
    for e in enterprises:
        lines.append(
            f"{e.name}: СИЗ — {e.ppe_required or 'нет'}; документы — "
            f"{e.documents_required or 'нет'}."
        )
    return "\n".join(lines)


def _checklist_for(enterprises) -> dict:
    """The safety checklist answered as a careful team would: the site issues the PPE and
    gives the briefing, the group brings its documents and keeps to the photo rule."""
    how = {"ppe": "site", "briefing": "site", "document": "group", "photo": "group"}
    return {
        item.key: {"how": how[item.kind], "reason": ""}
        for e in enterprises
        for item in route_findings.safety_items_of(e)
    }


def build_sample_routes(demo: "Demo") -> None:
    """A Kuzbass route that passes the checker (submitted) and an Omsk draft with findings."""
    kuzbass = Team.objects.get(cohort=demo.cohort, name="Команда Кузбасса")
    omsk = Team.objects.get(cohort=demo.cohort, name="Команда Омской области")
    e = demo.enterprises
    pit, azot = e["Кедровский угольный разрез"], e["КАО «Азот»"]
    design = start_route(team=kuzbass, assignment=demo.assignment)
    costs = [
        {"label": "Трансфер", "amount": "1800.00"},
        {"label": "Обед", "amount": "700.00"},
        {"label": "Экскурсионное обслуживание", "amount": "1500.00"},
    ]
    save_route_draft(
        design=design,
        user=demo.users["kuzbass_captain"],
        stops=[
            StopData(pit.pk, dt.time(10, 0), 90, 40),
            StopData(azot.pk, dt.time(12, 10), 120, 15),
            StopData(
                None,
                dt.time(14, 25),
                60,
                0,
                place_name="Обед в кафе в центре Кемерова",
                kind="meal",
                # An invented café (a demo value): a point of its own in the city centre,
                # not any enterprise's.
                latitude=Decimal("55.356000"),
                longitude=Decimal("86.081000"),
            ),
        ],
        lock_version=0,
        title="Уголь и химия Кузбасса за один день",
        narrative="Разрез, где добывают уголь, и завод, который превращает его в удобрения: "
        "школьники видят всю цепочку и профессии на каждом её звене.",
        audience="schoolchildren",
        audience_min_age=max(pit.min_age, azot.min_age),
        group_size=min(pit.max_group_size, azot.max_group_size, 20),
        start_date=_next_monday(),
        days=1,
        price_per_person=Decimal("4000.00"),
        cost_items=costs,
        meeting_point="Кемерово, площадь Советов",
        safety_plan=_plan_for([pit, azot]),
        safety_answers=_checklist_for([pit, azot]),
    )
    submit_route(design=design, user=demo.users["kuzbass_captain"])

    poliom, rubber = e["Полиом"], e["Омский каучук"]
    design = start_route(team=omsk, assignment=demo.assignment)
    saturday = _next_monday() + dt.timedelta(days=5)
    save_route_draft(
        design=design,
        user=demo.users["omsk_captain"],
        stops=[
            StopData(poliom.pk, dt.time(8, 0), 120, 0),
            StopData(rubber.pk, dt.time(10, 0), 90, 0),
        ],
        lock_version=0,
        title="Нефтехимия Омска (черновик с ошибками для разбора)",
        narrative="Черновик нарочно с ошибками: суббота, ранний приезд, большая группа.",
        audience="students",
        audience_min_age=16,
        group_size=40,
        start_date=saturday,
        price_per_person=Decimal("3000.00"),
        cost_items=[{"label": "Трансфер", "amount": "1000.00"}],
    )


POLICY = (
    "<p><i>Демонстрационный текст: оператор, адрес и сроки придуманы для демо и заменяются "
    "центром компетенций.</i></p>"
    "<h2>Цели обработки</h2>"
    "<p>Оператор обрабатывает персональные данные слушателей, наставников и администраторов "
    "платформы по Федеральному закону № 152-ФЗ «О персональных данных» для обучения по "
    "программе, проверки проектов команд, выдачи удостоверений и их проверки работодателями; "
    "если поток передаёт сведения в ФИС ФРДО — для внесения сведений о документе в реестр.</p>"
    "<p>Обрабатываются: фамилия, имя, отчество, адрес электронной почты, регион, организация и "
    "должность, результаты обучения; если поток передаёт сведения в ФИС ФРДО — дата рождения и "
    "СНИЛС. Данные хранятся в Российской Федерации и не передаются третьим лицам, кроме "
    "федерального реестра документов об образовании.</p>"
    "<h2>Распространение ФИО</h2>"
    "<p>Полные фамилия, имя и отчество показываются на публичной странице проверки "
    "удостоверения и в его электронной версии только с отдельного согласия на "
    "распространение (ст. 10.1 152-ФЗ), которое даётся и отзывается в профиле. Без него там "
    "видны фамилия и инициалы.</p>"
    "<h2>Сроки хранения</h2>"
    "<p>Учётная запись — пять лет после окончания обучения (демонстрационный срок) или до "
    "отзыва согласия; сведения о выданных удостоверениях — столько, сколько требует "
    "законодательство об образовании.</p>"
)


@transaction.atomic
def build_demo(*, sample_routes: bool = False) -> Demo:
    """Create the whole demo. Call only on an empty installation (see `demo_exists`)."""
    regions = {}
    for name, district, tz in content.REGIONS:
        regions[name], _created = Region.objects.get_or_create(
            name=name, defaults={"federal_district": district, "time_zone": tz}
        )
    for slug, name in content.THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name})
    themes = {t.slug: t for t in Theme.objects.all()}

    enterprises = {}
    for spec in content.ENTERPRISES:
        fields = {**spec, "region": regions[spec["region"]]}
        fields["latitude"] = Decimal(spec["latitude"])
        fields["longitude"] = Decimal(spec["longitude"])
        fields["opens_at"] = dt.time.fromisoformat(spec["opens_at"])
        fields["closes_at"] = dt.time.fromisoformat(spec["closes_at"])
        enterprise = Enterprise(**fields)
        enterprise.full_clean()
        enterprise.save()
        enterprises[enterprise.name] = enterprise

    home = _home()
    cases_index = _publish(
        home,
        CaseStudyIndexPage(
            title="Кейсы регионов",
            slug="cases",
            intro=p("Опыт регионов, которые уже принимают гостей на действующих производствах."),
        ),
    )
    program_spec = content.PROGRAM
    program = ProgramPage(
        title=program_spec["title"],
        slug=program_spec["slug"],
        summary=program_spec["summary"],
        hours=program_spec["hours"],
        format=program_spec["format"],
        qualification=program_spec["qualification"],
        entry_requirements=program_spec["entry_requirements"],
        description=program_spec["description"],
    )
    program.certificate_template = _certificate_template()
    for order, (code, name) in enumerate(content.COMPETENCIES):
        program.competencies.add(Competency(code=code, name=name, sort_order=order))
    _publish(home, program)
    competencies = {c.code: c for c in program.competencies.all()}

    quizzes = {}
    for key, spec in content.QUIZZES.items():
        quiz = Quiz(
            title=spec["title"],
            pass_percent=spec["pass_percent"],
            max_attempts=spec["max_attempts"],
            questions=_quiz_questions(spec["questions"]),
        )
        quiz.full_clean()
        quiz.save()
        quiz.competencies.set([competencies[code] for code in spec.get("competencies", [])])
        quizzes[key] = quiz

    case_studies = {}
    for spec in content.CASE_STUDIES:
        case = CaseStudyPage(
            title=spec["title"],
            slug=spec["slug"],
            region=regions[spec["region"]],
            period=spec["period"],
            summary=spec["summary"],
            visitors_per_year=spec.get("visitors_per_year"),
            what_worked=spec["what_worked"],
            what_failed=spec["what_failed"],
            lessons_learned=spec["lessons_learned"],
            body=_body(spec["body"], enterprises=enterprises, case_studies={}, quizzes={}),
        )
        case.themes = [themes[slug] for slug in spec["themes"]]
        case.enterprises = [enterprises[name] for name in spec["enterprises"]]
        case_studies[spec["slug"]] = _publish(cases_index, case)

    modules, lessons = {}, []
    for spec in content.MODULES:
        module = ModulePage(
            title=spec["title"],
            slug=spec["slug"],
            hours=spec["hours"],
            outcomes=spec["outcomes"],
            prerequisite=modules.get(spec["prerequisite"]),
        )
        module.competencies = [competencies[code] for code in spec["competencies"]]
        modules[spec["slug"]] = _publish(program, module)
        for lesson_spec in spec["lessons"]:
            lesson = LessonPage(
                title=lesson_spec["title"],
                slug=lesson_spec["slug"],
                summary=lesson_spec["summary"],
                minutes=lesson_spec["minutes"],
                body=_body(
                    lesson_spec["body"],
                    enterprises=enterprises,
                    case_studies=case_studies,
                    quizzes=quizzes,
                ),
            )
            lessons.append(_publish(module, lesson))

    rubric = Rubric(title="Рубрика проекта маршрута")
    for order, (name, description, weight, measured_by) in enumerate(RUBRIC):
        rubric.criteria.add(
            Criterion(
                name=name,
                description=description,
                weight=weight,
                max_points=4,
                level_descriptors=LEVELS,
                measured_by=measured_by,
                sort_order=order,
            )
        )
    rubric.save()
    assignment = _publish(
        program,
        RouteAssignmentPage(
            title="Проект: промышленный маршрут региона",
            slug="route-project",
            goal="Командный проект: маршрут, который туроператор сможет продать уже в этом сезоне.",
            audiences="школьники 14+, студенты, корпоративные группы, туристы",
            max_days=2,
            max_price=Decimal("6000"),
            max_group_size=25,
            time_zone="Europe/Moscow",
            brief=p(
                "Спроектируйте однодневный маршрут для группы школьников 14+ или студентов по "
                "предприятиям вашего региона: не меньше трёх остановок, переезды, время на "
                "площадках, требования безопасности. Капитан отправляет маршрут наставнику."
            ),
            deadline=dt.datetime(2026, 12, 15, 18, 0, tzinfo=ZoneInfo("Europe/Moscow")),
            rubric=rubric,
        ),
    )

    _translate_demo(
        home=home,
        cases_index=cases_index,
        program=program,
        modules=modules,
        case_studies=case_studies,
        enterprises=enterprises,
        assignment=assignment,
    )

    users = {
        key: user_create(
            email=email,
            password=password,
            last_name=last,
            first_name=first,
            middle_name=middle,
            roles=(
                (roles.CERTIFICATE_ADMIN,)
                if key == "admin"
                else (roles.MENTOR,)
                if key == "mentor"
                else (roles.LEARNER,)
            ),
            is_superuser=key == "admin",
        )
        for key, (email, password, last, first, middle) in PEOPLE.items()
    }
    policy = _publish(
        home,
        PrivacyPolicyPage(
            title="Политика обработки персональных данных", slug="privacy", body=POLICY
        ),
    )
    policy.refresh_from_db()
    for user in users.values():
        record_consent(user, policy)
    # The Kuzbass captain agreed to her full name on public pages (152-ФЗ ст. 10.1); the
    # others did not, so the verify page shows their surname and initials.
    set_name_dissemination(users["kuzbass_captain"], True)
    cohort = Cohort.objects.create(
        title=AUTUMN_COHORT,
        program=program,
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2026, 12, 25),
        capacity=120,
        max_team_size=8,
    )
    Cohort.objects.create(
        title="Открытая промышленность — весенний поток 2027",
        program=program,
        starts_on=dt.date(2027, 3, 1),
        ends_on=dt.date(2027, 6, 30),
        enrolment_open=True,
    )
    for prefix, region, name in (
        ("kuzbass", regions[KUZBASS], "Команда Кузбасса"),
        ("omsk", regions[OMSK], "Команда Омской области"),
    ):
        team = team_create(cohort=cohort, region=region, name=name, mentor=users["mentor"])
        member_add(team=team, user=users[f"{prefix}_captain"], role=Membership.Role.CAPTAIN)
        member_add(team=team, user=users[f"{prefix}_member"], role=Membership.Role.MEMBER)

    demo = Demo(
        home=home,
        program=program,
        lessons=lessons,
        modules=list(modules.values()),
        quizzes=quizzes,
        assignment=assignment,
        cohort=cohort,
        enterprises=enterprises,
        users=users,
    )
    if sample_routes:
        build_sample_routes(demo)
    return demo
