"""An admin moves a member to another team from the cohort's teams in the browser: a missing
reason is refused at the field, the move then shows in the teams and in the history."""

import pytest
from playwright.sync_api import expect

from demo.build import ADMIN_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_moves_a_member_from_the_teams_page(open_as, demo):
    member = demo.users["kuzbass_member"]
    admin = open_as(demo.users["admin"].email, ADMIN_PASSWORD)
    admin.goto(f"/cohorts/{demo.cohort.id}/teams/")
    admin.get_by_role(
        "link", name="Состав команд: добавить, перевести, исключить, сменить капитана"
    ).click()
    admin.get_by_text("Перевести в другую команду").click()
    move = admin.locator("form[data-action=move]")
    move.get_by_label("Кого перевести").select_option(str(member.pk))
    move.get_by_label("В команду").select_option(label="Команда Омской области")
    move.get_by_role("button", name="Сохранить").click()
    expect(admin.locator("#errors")).to_contain_text("Основание: Укажите основание изменения.")
    move = admin.locator("form[data-action=move]")
    expect(move.get_by_label("Кого перевести")).to_have_value(str(member.pk))
    move.get_by_label("Основание").fill("Переехал в Омск")
    move.get_by_role("button", name="Сохранить").click()
    expect(admin.locator(".messages")).to_contain_text(
        "переведён(а) в команду «Команда Омской области»"
    )
    omsk = admin.locator("tr[data-team='Команда Омской области']")
    expect(omsk.locator(f"[data-member='{member.email}']")).to_have_count(1)
    kuzbass = admin.locator("tr[data-team='Команда Кузбасса']")
    expect(kuzbass.locator(f"[data-member='{member.email}']")).to_have_count(0)
    expect(admin.locator("tr[data-change=move]")).to_contain_text("Переехал в Омск")
