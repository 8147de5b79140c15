"""STUB demo content (replaced by the full curriculum)."""

REGIONS = [
    ("Кемеровская область — Кузбасс", "Сибирский", "Asia/Novokuznetsk"),
    ("Омская область", "Сибирский", "Asia/Omsk"),
    ("Республика Башкортостан", "Приволжский", "Asia/Yekaterinburg"),
]
THEMES = [
    ("mining", "Добыча"),
    ("chemistry", "Химия"),
    ("metallurgy", "Металлургия"),
    ("petrochemistry", "Нефтехимия"),
    ("machine-building", "Машиностроение"),
    ("food", "Пищевая промышленность"),
]
COMPETENCIES = [
    ("К1", "Анализирует рынок"),
    ("К2", "Работает с предприятием"),
    ("К3", "Проектирует маршрут"),
]


def _e(name, region, city, lat, lon, industry="Промышленность"):
    return dict(
        name=name,
        legal_name="",
        industry=industry,
        region=region,
        city=city,
        latitude=lat,
        longitude=lon,
        visitor_programme="Экскурсия.",
        safety_rules="Инструктаж.",
        ppe_required="Каска, жилет",
        photo_policy="В точках",
        documents_required="Паспортные данные заранее",
        open_days="0,1,2,3,4",
        opens_at="09:00",
        closes_at="17:00",
        min_age=14,
        max_group_size=20,
        booking_lead_days=14,
        rules_are_demo_values=True,
    )


KUZ, OMS, BAS = (r[0] for r in REGIONS)
ENTERPRISES = [
    _e("Кедровский угольный разрез", KUZ, "Кемерово", "55.5400", "86.0700"),
    _e("ЕВРАЗ ЗСМК, рельсобалочный цех", KUZ, "Новокузнецк", "53.7576", "87.1360"),
    _e("КАО «Азот»", KUZ, "Кемерово", "55.3547", "86.0873"),
    _e("Полиом", OMS, "Омск", "54.9885", "73.3242"),
    _e("Омский каучук", OMS, "Омск", "54.9900", "73.3700"),
    _e("НПО «МИР»", OMS, "Омск", "54.9700", "73.3900"),
    _e("ПОЛИЭФ", BAS, "Благовещенск", "55.0497", "55.9553"),
]
PROGRAM = dict(
    title="Специалист по развитию промышленного туризма",
    slug="program",
    summary="Программа ДПО.",
    hours=144,
    format="очно-заочная",
    qualification="Специалист по развитию промышленного туризма",
    entry_requirements="<p>Участники региональных команд.</p>",
    description="<p>Описание.</p>",
)


def _case(slug, title, region, enterprises):
    return dict(
        slug=slug,
        title=title,
        region=region,
        period="2021–2025",
        summary="Кейс.",
        themes=["mining"],
        visitors_per_year=None,
        enterprises=enterprises,
        what_worked="<p>Да.</p>",
        what_failed="<p>Нет.</p>",
        lessons_learned="<p>Вывод.</p>",
        body=[("paragraph", "<p>Текст кейса.</p>")],
    )


CASE_STUDIES = [
    _case("kuzbass", "Кузбасс", KUZ, ["Кедровский угольный разрез"]),
    _case("omsk", "Омск", OMS, ["Полиом"]),
    _case("bashkortostan", "Башкортостан", BAS, ["ПОЛИЭФ"]),
]
QUIZZES = {
    "industry": dict(
        title="Тест: отрасль",
        pass_percent=70,
        max_attempts=3,
        competencies=["К1"],
        questions=[
            {
                "kind": "single",
                "text": "Кто ведёт проект?",
                "choices": [("АСИ", True), ("Никто", False)],
                "explanation": "АСИ.",
            },
            {
                "kind": "multiple",
                "text": "Что нужно гостю?",
                "choices": [("Каска", True), ("Жилет", True), ("Шуба", False)],
                "explanation": "СИЗ.",
            },
            {
                "kind": "numeric",
                "text": "Млн посетителей в 2024?",
                "answer": "2",
                "tolerance": "0",
                "unit": "млн",
                "explanation": "Более 2 млн.",
            },
        ],
    ),
    "enterprise": dict(
        title="Тест: предприятие",
        pass_percent=70,
        max_attempts=3,
        competencies=["К2"],
        questions=[
            {
                "kind": "single",
                "text": "Что подают заранее?",
                "choices": [("Паспортные данные", True), ("Ничего", False)],
                "explanation": "Паспорт.",
            }
        ],
    ),
}


def _lesson(slug, title, blocks):
    return dict(
        slug=slug,
        title=title,
        summary="Кратко.",
        minutes=30,
        body=[("heading", title), ("paragraph", f"<p>Текст урока «{title}».</p>")]
        + blocks
        + [("sources", ["Источник"])],
    )


MODULES = [
    dict(
        slug="industry",
        title="Отрасль и рынок",
        hours=24,
        outcomes="<p>Итоги.</p>",
        competencies=["К1"],
        prerequisite=None,
        lessons=[
            _lesson("what-is-industrial-tourism", "Что такое промтуризм", [("quiz", "industry")]),
            _lesson(
                "kuzbass-case",
                "Кейс Кузбасса",
                [("case_study", "kuzbass", "опыт"), ("enterprise", "КАО «Азот»")],
            ),
        ],
    ),
    dict(
        slug="enterprise",
        title="Работа с предприятием",
        hours=24,
        outcomes="<p>Итоги.</p>",
        competencies=["К2"],
        prerequisite="industry",
        lessons=[
            _lesson("visit", "Визит на производство", [("quiz", "enterprise")]),
            _lesson("agreements", "Соглашения", [("facts", [("Срок", "14 дней")])]),
        ],
    ),
]
