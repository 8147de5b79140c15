"""The walking skeleton in a real browser: learner, captain, mentor, admin and the public."""

import re

import pytest
from playwright.sync_api import expect

from assessments.selectors import lesson_quizzes
from certificates.models import Certificate
from demo.build import ADMIN_PASSWORD, LEARNER_PASSWORD, MENTOR_PASSWORD
from tests.builders.learning import complete_program
from tests.helpers import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_stop(page, row, *, enterprise, arrival, stay, transfer, day=1):
    prefix = f"stops-{row}-"
    page.select_option(f"select[name={prefix}enterprise]", label=str(enterprise))
    page.fill(f"input[name={prefix}day]", str(day))
    page.fill(f"input[name={prefix}arrival_time]", arrival)
    page.fill(f"input[name={prefix}stay_minutes]", str(stay))
    page.fill(f"input[name={prefix}transfer_minutes]", str(transfer))
    page.fill(f"input[name={prefix}ORDER]", str(row + 1))


def review(page, design_id, *, points, comment, decision):
    page.goto("/reviews/")
    expect(page.get_by_text("Команда Кузбасса")).to_be_visible()
    page.locator(f"a[href='/routes/{design_id}/review/']").click()
    for select in page.locator("select[name^=criterion_]").all():
        select.select_option(str(points))
    page.fill("textarea[name=comment]", comment)
    page.check(f"input[name=decision][value={decision}]")
    page.get_by_role("button", name="Сохранить рецензию").click()
    expect(page.get_by_text("Рецензия сохранена, команда её увидит.")).to_be_visible()


def test_learner_captain_mentor_admin_and_the_public_walk_the_whole_journey(open_as, demo):
    captain_user = demo.users["kuzbass_captain"]

    # 3. A learner marks a lesson done and sees progress on the dashboard.
    learner = open_as(captain_user.email, LEARNER_PASSWORD)
    lesson = next(item for item in demo.lessons if not lesson_quizzes(item))
    learner.goto(lesson.url)
    learner.get_by_role("button", name="Отметить урок пройденным").click()
    expect(learner.locator("#lesson-status")).to_have_text("Урок пройден")
    learner.goto("/dashboard/")
    expect(learner.get_by_text(f"Пройдено уроков: 1 из {len(demo.lessons)}")).to_be_visible()
    complete_program(demo, captain_user)  # the rest of the programme, through the services

    # 4. The captain designs the route: a draft with two stops, then a third, then submits.
    learner.goto(demo.assignment.url)
    learner.get_by_role("button", name="Начать проектирование маршрута").click()
    expect(learner).to_have_url(re.compile(r"/routes/\d+/$"))
    design_id = int(re.search(r"/routes/(\d+)/", learner.url).group(1))
    learner.fill("input[name=title]", "Уголь, азот и рельсы")
    learner.fill("textarea[name=narrative]", "Два дня — три отрасли Кузбасса.")
    learner.fill("input[name=days]", "2")
    learner.fill("textarea[name=safety_plan]", "Каска, жилет и паспортные данные заранее.")
    fill_stop(
        learner,
        0,
        enterprise=demo.enterprises["Кедровский угольный разрез"],
        arrival="10:00",
        stay=90,
        transfer=40,
    )
    # The overnight leg (Kemerovo → Novokuznetsk, about 190 km) is checked like any transfer:
    # planned at 5 h 20 min by coach.
    fill_stop(
        learner,
        1,
        enterprise=demo.enterprises["КАО «Азот»"],
        arrival="12:10",
        stay=120,
        transfer=320,
    )
    learner.get_by_role("button", name="Сохранить черновик").click()
    expect(learner.get_by_text("Черновик сохранён.")).to_be_visible()
    fill_stop(
        learner,
        2,
        enterprise=demo.enterprises["ЕВРАЗ ЗСМК, рельсобалочный цех"],
        arrival="11:00",
        stay=90,
        transfer=0,
        day=2,
    )
    learner.get_by_role("button", name="Сохранить и отправить наставнику").click()
    expect(learner.get_by_text("Маршрут отправлен наставнику.")).to_be_visible()
    expect(learner.locator("#route-state")).to_have_text("на проверке")
    expect(learner.get_by_text("Версия 1 — отправлена")).to_be_visible()

    # 5. The mentor returns it with a comment; the team sees it and resubmits; then accepts.
    mentor = open_as(demo.users["mentor"].email, MENTOR_PASSWORD)
    review(
        mentor, design_id, points=2, comment="Добавьте обед между площадками.", decision="return"
    )
    learner.reload()
    expect(learner.locator("#route-state")).to_have_text("возвращён на доработку")
    expect(learner.get_by_text("Добавьте обед между площадками.")).to_be_visible()
    learner.get_by_role("button", name="Сохранить и отправить наставнику").click()
    expect(learner.get_by_text("Маршрут отправлен наставнику.")).to_be_visible()
    review(mentor, design_id, points=4, comment="Отличный маршрут.", decision="accept")
    learner.goto("/dashboard/")
    expect(learner.locator("[data-route-state=accepted]")).to_have_text("принят")

    # 6. The admin sees who is eligible and issues the certificate; the PDF is rendered.
    admin = open_as(demo.users["admin"].email, ADMIN_PASSWORD)
    admin.goto(f"/certificates/cohorts/{demo.cohort.id}/")
    row = admin.locator(f"tr[data-learner='{captain_user.email}']")
    expect(row.get_by_text("допущен")).to_be_visible()
    row.get_by_role("button", name="Выдать").click()
    expect(admin.get_by_text(re.compile(r"Удостоверение ПТА-\d{4}-\d{6} выдано"))).to_be_visible()
    certificate = Certificate.objects.get(holder=captain_user)
    assert certificate.pdf, "the PDF task did not run"
    text = " ".join(pdf_text(certificate.pdf.read()).split())
    assert "Кузнецова Елена Игоревна" in text and certificate.serial in text

    # 7. Anyone checks it; after revocation the same page says «отозван».
    public = open_as()
    public.goto(f"/verify/{certificate.code}/")
    expect(public.locator("#verify-status")).to_have_text("действителен")
    expect(public.get_by_text("Кузнецова Елена Игоревна")).to_be_visible()
    admin.goto(f"/certificates/{certificate.id}/")
    admin.fill("textarea[name=reason]", "Ошибка в фамилии")
    admin.get_by_role("button", name="Отозвать удостоверение").click()
    expect(admin.locator("#certificate-status")).to_have_text("отозван")
    public.reload()
    expect(public.locator("#verify-status")).to_have_text("отозван")
    expect(public.get_by_text("Ошибка в фамилии")).to_be_visible()
