"""The living demo's announcements and boards: two announcements (the centre's to the running
cohort, the mentor's to two teams), the cohort's board with questions learners of industrial
tourism ask, one answered and marked by the mentor, and a topic on the Kuzbass team's own
board with a mention. All through community.services; every text, time and name here is
invented (demo values)."""

from community import services
from core.notifications import mark_read
from lms.models import Team

# Invented (demo values): who asks, what, and who answers; the mentor's answer is marked.
QUESTIONS = [
    {
        "author": "a.tomilova@demo.test",
        "title": "Можно ли вести группу в действующий цех, если площадка берёт до 15 человек?",
        "body": (
            "У нас в маршруте обогатительная фабрика, а группа — 22 человека. Делить группу "
            "на две и пускать их по очереди, или лучше искать другую площадку?"
        ),
        "replies": [
            (
                "p.luzin@demo.test",
                "Мы в Омске делим: пока одна половина в цехе, вторая в музее предприятия.",
            ),
            (
                "mentor@demo.test",
                "Делить можно, но заложите в план время на смену групп (20–30 минут) и "
                "второго сопровождающего от площадки. Лимит площадки — это требование её "
                "службы охраны труда, его не обходят. Проверьте и то, что музей открыт в "
                "тот же день.",
            ),
        ],
        "answer": 1,
    },
    {
        "author": "z.yulaeva@demo.test",
        "title": "Сколько времени закладывать на инструктаж по безопасности?",
        "body": (
            "На сайте завода написано только «инструктаж обязателен». Сколько это обычно "
            "длится, чтобы не сорвать тайминг?"
        ),
        "replies": [
            (
                "k.belousov@demo.test",
                "Нам на металлургическом комбинате сказали: 15 минут плюс выдача касок.",
            ),
        ],
        "answer": None,
    },
    {
        "author": "y.sormova@demo.test",
        "title": "Школьники до 14 лет на производстве: что нужно от родителей?",
        "body": (
            "Хотим сделать вариант маршрута для школьных групп. Какие согласия и документы "
            "обычно просят площадки для детей?"
        ),
        "replies": [],
        "answer": None,
    },
]


def build_living_community(demo, living) -> None:
    people = {**living.people, **{u.email: u for u in demo.users.values()}}
    admin, mentor = demo.users["admin"], demo.users["mentor"]
    cohort = demo.cohort
    services.post_announcement(
        cohort=cohort,
        author=admin,
        title="Очная сессия: экскурсия на разрез и разбор маршрутов",
        body=(
            "Коллеги, очная сессия пройдёт в последнюю неделю потока. В первый день — выезд "
            "на смотровую площадку угольного разреза, во второй — защита маршрутов.\n"
            "Возьмите закрытую обувь и паспорт: без него на площадку не пропустят."
        ),
    )
    # The mentor has read the centre's announcement: their news stays the route waiting.
    mark_read(user=mentor, ids=mentor.notifications.filter(kind="announcement").values("pk"))
    teams = list(
        Team.objects.filter(
            cohort=cohort, name__in=["Команда Кузбасса", "Команда Омской области"]
        ).order_by("name")
    )
    services.post_announcement(
        cohort=cohort,
        author=mentor,
        teams=teams,
        title="Консультация по маршрутам в четверг",
        body="Разберём замечания проверки на созвоне в четверг в 18:00 по Москве.",
    )
    for question in QUESTIONS:
        topic = services.start_topic(
            cohort=cohort,
            author=people[question["author"]],
            title=question["title"],
            body=question["body"],
        )
        replies = [
            services.reply_to_topic(topic=topic, author=people[email], body=body)
            for email, body in question["replies"]
        ]
        if question["answer"] is not None:
            services.mark_answer(topic=topic, reply=replies[question["answer"]], by=mentor)
    kuzbass = next(t for t in teams if t.name == "Команда Кузбасса")
    topic = services.start_topic(
        cohort=cohort,
        team=kuzbass,
        author=people["s.ugolnikova@demo.test"],
        title="Кто берёт на себя питание группы?",
        body="@m.rudakov, посмотришь столовые у разреза? Нужны обеды на 20 человек.",
    )
    reply = services.reply_to_topic(
        topic=topic, author=people["m.rudakov@demo.test"], body="Посмотрю до пятницы."
    )
    services.edit_reply(
        reply=reply,
        by=people["m.rudakov@demo.test"],
        body="Посмотрю до пятницы, две столовые уже нашёл.",
    )
