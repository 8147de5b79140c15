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
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from assessments.models import Criterion, RouteAssignmentPage, Rubric
from courses.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    Enterprise,
    HomePage,
    LessonPage,
    ModulePage,
    ProgramPage,
)

from . import roles
from .models import Cohort, Membership, Region
from .services import member_add, team_create, user_create

ADMIN_PASSWORD = "demo-admin-2026"
MENTOR_PASSWORD = "demo-mentor-2026"
LEARNER_PASSWORD = "demo-learner-2026"

PROGRAM_TITLE = "Специалист по развитию промышленного туризма"


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
    users: dict[str, object] = field(default_factory=dict)


REGIONS = [
    ("Кемеровская область — Кузбасс", "Сибирский", "Asia/Novokuznetsk"),
    ("Омская область", "Сибирский", "Asia/Omsk"),
    ("Республика Башкортостан", "Приволжский", "Asia/Yekaterinburg"),
]

# name, legal name, industry, region index, city, lat, lon, programme, ppe, photo, documents
ENTERPRISES = [
    (
        "Кедровский угольный разрез",
        "АО «Кузбассразрезуголь»",
        "Угольная промышленность",
        0,
        "Кемерово (пос. Кедровка)",
        "55.5400",
        "86.0700",
        "Экскурсия «Сила угля Кузбасса»: смотровая площадка над действующим разрезом, "
        "карьерные самосвалы и экскаваторы, рассказ о рекультивации.",
        "Каска, жилет, закрытая обувь",
        "Съёмка со смотровых площадок",
        "Паспортные данные заранее",
    ),
    (
        "ЕВРАЗ ЗСМК, рельсобалочный цех",
        "АО «ЕВРАЗ ЗСМК»",
        "Металлургия",
        0,
        "Новокузнецк",
        "53.7576",
        "87.1360",
        "Маршрут «Зелёные рельсы»: путь рельса от раската до готовой стометровой плети.",
        "Каска, очки, жилет, радиогид",
        "Только в обозначенных точках",
        "Паспортные данные заранее, инструктаж",
    ),
    (
        "КАО «Азот»",
        "АО «Азот» (Кемерово)",
        "Химическая промышленность",
        0,
        "Кемерово",
        "55.3547",
        "86.0873",
        "Дни открытых дверей «Неделя без турникетов»: производство удобрений, "
        "заводской музей, экологическая лаборатория.",
        "Каска, жилет, самоспасатель",
        "Запрещена на производственных площадках",
        "Паспортные данные заранее, инструктаж по промышленной безопасности",
    ),
    (
        "Полиом",
        "ООО «Полиом»",
        "Нефтехимия",
        1,
        "Омск",
        "54.9885",
        "73.3242",
        "Производство полипропилена на маршруте «Промышленность Сибири — величие России».",
        "Спецодежда, каска, очки, радиогид, самоспасатель",
        "По согласованию",
        "Пропуск по списку, паспортные данные заранее, инструктаж",
    ),
    (
        "Омский каучук",
        "АО «Омский каучук»",
        "Нефтехимия",
        1,
        "Омск",
        "54.9900",
        "73.3700",
        "Музей предприятия (открыт с 1988 года) и рассказ о синтетическом каучуке.",
        "Для музея не требуются",
        "В музее разрешена",
        "Заявка заранее",
    ),
    (
        "НПО «МИР»",
        "ООО «НПО «МИР»",
        "Приборостроение",
        1,
        "Омск",
        "54.9700",
        "73.3900",
        "Цеха сборки электротехнического и телемеханического оборудования.",
        "Халат, бахилы",
        "По согласованию",
        "Паспортные данные заранее",
    ),
    (
        "ПОЛИЭФ",
        "АО «ПОЛИЭФ» (СИБУР)",
        "Нефтехимия",
        2,
        "Благовещенск",
        "55.0497",
        "55.9553",
        "Центр компетенций по промышленному туризму с экологическим уклоном: "
        "производство ПЭТФ и переработка вторичного сырья.",
        "Каска, очки, жилет",
        "Только в обозначенных точках",
        "Паспортные данные заранее, инструктаж",
    ),
]

RUBRIC = [
    (
        "Концепция и аудитория",
        "Идея маршрута, ясная целевая аудитория, региональная идентичность.",
        2,
    ),
    ("Логистика и выполнимость", "Переезды, время на площадках, часы приёма групп.", 3),
    ("Безопасность и требования предприятий", "СИЗ, документы, возраст, размер группы.", 3),
    ("Экономика маршрута", "Цена, структура затрат, окупаемость для оператора.", 2),
]

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

SOURCES_NATIONAL = [
    "Агентство стратегических инициатив: материалы проекта «Открытая промышленность» "
    "и акселератора региональных команд (2023–2025).",
    "Данные АСИ о числе посетителей промышленных экскурсий: около 0,8 млн в 2022 году, "
    "более 1 млн в 2023 году, более 2 млн в 2024 году.",
]
SOURCES_KUZBASS = [
    "Правительство Кузбасса и АСИ: соглашение о развитии промышленного туризма (2021).",
    "Итоги конкурса «Маршрут года» (2024, 2025): маршруты «Зелёные рельсы» и «Сила угля Кузбасса».",
    "Материалы международного форума по промышленному туризму в Кузбассе и всероссийской "
    "школы компетенций по проектированию маршрутов на промышленных площадках.",
]


def demo_exists() -> bool:
    return ProgramPage.objects.filter(title=PROGRAM_TITLE).exists()


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


@transaction.atomic
def build_demo() -> Demo:
    """Create the whole demo. Call only on an empty installation (see `demo_exists`)."""
    regions = [
        Region.objects.create(name=name, federal_district=district, time_zone=tz)
        for name, district, tz in REGIONS
    ]
    enterprises = {}
    for (
        name,
        legal,
        industry,
        region_index,
        city,
        lat,
        lon,
        programme,
        ppe,
        photo,
        docs,
    ) in ENTERPRISES:
        enterprise = Enterprise(
            name=name,
            legal_name=legal,
            industry=industry,
            region=regions[region_index],
            city=city,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            visitor_programme=programme,
            safety_rules="Инструктаж перед входом на площадку, движение группой за сопровождающим.",
            ppe_required=ppe,
            photo_policy=photo,
            documents_required=docs,
            open_days="0,1,2,3,4",
            opens_at=dt.time(9, 0),
            closes_at=dt.time(17, 0),
            min_age=14,
            max_group_size=20,
            booking_lead_days=14,
            rules_are_demo_values=True,
        )
        enterprise.full_clean()
        enterprise.save()
        enterprises[name] = enterprise

    home = _home()
    cases = _publish(
        home,
        CaseStudyIndexPage(
            title="Кейсы регионов",
            slug="cases",
            intro=p("Опыт регионов, которые уже принимают гостей на действующих производствах."),
        ),
    )
    kuzbass_case = _publish(
        cases,
        CaseStudyPage(
            title="Кузбасс: от соглашения с АСИ до «Маршрута года»",
            slug="kuzbass",
            region=regions[0],
            period="2021–2025",
            summary="Как угольный и металлургический регион за несколько лет сделал заводские "
            "экскурсии частью своего туристического предложения.",
            body=[
                ("heading", "Что было сделано"),
                (
                    "paragraph",
                    p(
                        "В 2021 году Кузбасс подписал с Агентством стратегических инициатив соглашение о "
                        "развитии промышленного туризма. С тех пор экскурсии провели более 65 предприятий, "
                        "а число их гостей превысило 15 тысяч человек. У региона появилась отдельная "
                        "стратегия развития промышленного туризма.",
                        "Флагманы — маршрут «Сила угля Кузбасса» на Кедровском разрезе "
                        "«Кузбассразрезугля» (более 1,5 тысячи гостей в год, гран-при конкурса "
                        "«Маршрут года — 2025») и «Зелёные рельсы» ЕВРАЗ ЗСМК через рельсобалочный цех "
                        "(серебро «Маршрута года — 2024»). КАО «Азот» открывает двери в акции "
                        "«Неделя без турникетов».",
                    ),
                ),
                ("enterprise", {"enterprise": enterprises["Кедровский угольный разрез"]}),
                ("heading", "Что сработало и что мешало"),
                (
                    "paragraph",
                    p(
                        "Сработало: поддержка на уровне губернатора и соглашение с АСИ, понятные "
                        "«витрины» — смотровые площадки и цеха, где гостям безопасно; конкурсы, которые "
                        "дают маршрутам узнаваемость.",
                        "Мешало (наш разбор): режим допуска на опасные производственные объекты, "
                        "длинные переезды между площадками, зависимость от графика смен. Эти "
                        "ограничения команда должна учитывать с первого дня проектирования.",
                    ),
                ),
                (
                    "paragraph",
                    p(
                        "Регион провёл международный форум по промышленному туризму со всероссийской "
                        "школой компетенций по проектированию маршрута на промышленных площадках: "
                        "участники приехали из Узбекистана, Беларуси и 21 региона России."
                    ),
                ),
                ("sources", SOURCES_KUZBASS),
            ],
        ),
    )

    program = _publish(
        home,
        ProgramPage(
            title=PROGRAM_TITLE,
            slug="program",
            summary="Программа дополнительного профессионального образования для участников "
            "региональных команд акселератора «Открытая промышленность».",
            hours=144,
            qualification="Специалист по развитию промышленного туризма",
            description=p(
                "Программа готовит людей, которые договариваются с предприятиями, проектируют "
                "экскурсионные маршруты по действующим производствам и выводят их к гостям. "
                "Учёба идёт модулями, с наставниками и командным проектом региона."
            ),
        ),
    )
    module1 = _publish(
        program,
        ModulePage(
            title="Промышленный туризм: отрасль и рынок",
            slug="industry",
            hours=24,
            outcomes=p(
                "Слушатель описывает рынок промышленного туризма, его участников и "
                "роль региональной команды."
            ),
        ),
    )
    module2 = _publish(
        program,
        ModulePage(
            title="Работа с предприятием и проектирование маршрута",
            slug="route-design",
            hours=40,
            outcomes=p(
                "Слушатель согласует с предприятием режим визита и проектирует маршрут, "
                "который выполним, безопасен и интересен аудитории."
            ),
        ),
    )
    lesson1 = _publish(
        module1,
        LessonPage(
            title="Что такое промышленный туризм и кто его развивает",
            slug="what-is-industrial-tourism",
            summary="Масштаб отрасли в цифрах и устройство акселератора «Открытая промышленность».",
            minutes=40,
            body=[
                ("heading", "Рынок в цифрах"),
                (
                    "paragraph",
                    p(
                        "Промышленные экскурсии в России растут быстрее почти любого другого "
                        "туристического направления: около 0,8 млн посетителей в 2022 году, больше "
                        "миллиона в 2023-м и больше двух миллионов в 2024-м. Принимать гостей готовы "
                        "около двух тысяч предприятий в 82 регионах.",
                    ),
                ),
                ("heading", "Кто развивает отрасль"),
                (
                    "paragraph",
                    p(
                        "Агентство стратегических инициатив ведёт проект «Открытая промышленность» и "
                        "акселератор региональных команд. Программа идёт шестью учебными модулями с "
                        "наставниками и проектом команды; к 2023 году обучение прошли более тысячи "
                        "специалистов из 73 регионов, пятый набор стартовал 1 сентября 2025 года. "
                        "Выпускники получают удостоверение о повышении квалификации «специалист по "
                        "развитию промышленного туризма».",
                    ),
                ),
                (
                    "quote",
                    {
                        "text": "Команда региона — это связка власти, предприятий и туроператоров: "
                        "без любого из трёх маршрут не доживёт до первой группы.",
                        "author": "Из методических материалов программы",
                        "role": "",
                    },
                ),
                ("sources", SOURCES_NATIONAL),
            ],
        ),
    )
    lesson2 = _publish(
        module1,
        LessonPage(
            title="Кейс Кузбасса: как регион открыл разрезы и комбинаты",
            slug="kuzbass-case",
            summary="Разбираем путь Кузбасса: соглашение, флагманские маршруты, форум.",
            minutes=45,
            body=[
                (
                    "paragraph",
                    p(
                        "Прочитайте кейс и ответьте себе на три вопроса: какие площадки региона "
                        "безопасны для гостей, кто в регионе отвечает за маршрут целиком и чем "
                        "ваш регион может удивить так же, как Кедровский разрез."
                    ),
                ),
                (
                    "case_study",
                    {"case_study": kuzbass_case, "note": "опыт региона за 2021–2025 годы"},
                ),
                ("enterprise", {"enterprise": enterprises["ЕВРАЗ ЗСМК, рельсобалочный цех"]}),
                ("sources", SOURCES_KUZBASS),
            ],
        ),
    )
    lesson3 = _publish(
        module2,
        LessonPage(
            title="Как устроен визит на действующее производство",
            slug="visit-anatomy",
            summary="Заявка, допуск, инструктаж, СИЗ, точки съёмки, обед и трансфер.",
            minutes=35,
            body=[
                ("heading", "Из чего состоит визит"),
                (
                    "paragraph",
                    p(
                        "Типичный визит начинается задолго до приезда: группа подаёт заявку с "
                        "паспортными данными, предприятие оформляет пропуска. На месте — инструктаж, "
                        "средства индивидуальной защиты (каска, жилет, радиогид), движение по "
                        "маршруту за сопровождающим и съёмка только в обозначенных точках. Хороший "
                        "маршрут включает обед в заводской столовой и трансфер на автобусе.",
                        "На омском «Полиоме» гостей ждут строгий пропускной режим, защитная одежда, "
                        "радиогиды, самоспасатель и инструктаж по безопасности. В Магнитогорске (ММК) и "
                        "Выксе (ОМК) экскурсии длятся около трёх часов, а снимать можно только со "
                        "смотровых площадок.",
                    ),
                ),
                ("enterprise", {"enterprise": enterprises["Полиом"]}),
                (
                    "sources",
                    [
                        "Материалы региональной команды Омской области и маршрута «Промышленность "
                        "Сибири — величие России».",
                        "Открытые описания экскурсий ПАО «ММК» и АО «ОМК».",
                    ],
                ),
            ],
        ),
    )

    rubric = Rubric(title="Рубрика проекта маршрута")
    for order, (name, description, weight) in enumerate(RUBRIC):
        rubric.criteria.add(
            Criterion(
                name=name, description=description, weight=weight, max_points=4, sort_order=order
            )
        )
    rubric.save()
    assignment = _publish(
        program,
        RouteAssignmentPage(
            title="Проект: промышленный маршрут региона",
            slug="route-project",
            brief=p(
                "Спроектируйте однодневный маршрут для группы школьников 14+ или студентов по "
                "предприятиям вашего региона: не меньше трёх остановок, переезды, время на "
                "площадках, требования безопасности. Капитан отправляет маршрут наставнику."
            ),
            deadline=dt.datetime(2026, 12, 15, 18, 0, tzinfo=ZoneInfo("Europe/Moscow")),
            rubric=rubric,
        ),
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
    cohort = Cohort.objects.create(
        title="Открытая промышленность — осенний поток 2026",
        program=program,
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2026, 12, 25),
    )
    for prefix, region, name in (
        ("kuzbass", regions[0], "Команда Кузбасса"),
        ("omsk", regions[1], "Команда Омской области"),
    ):
        team = team_create(cohort=cohort, region=region, name=name, mentor=users["mentor"])
        member_add(team=team, user=users[f"{prefix}_captain"], role=Membership.Role.CAPTAIN)
        member_add(team=team, user=users[f"{prefix}_member"], role=Membership.Role.MEMBER)

    return Demo(
        home=home,
        program=program,
        lessons=[lesson1, lesson2, lesson3],
        assignment=assignment,
        cohort=cohort,
        enterprises=enterprises,
        users=users,
    )
