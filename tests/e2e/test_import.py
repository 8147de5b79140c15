"""An admin imports a spreadsheet, fixes an error, imports again and sees the teams."""

import pytest
from playwright.sync_api import expect

from demo.build import ADMIN_PASSWORD
from tests.builders.spreadsheets import HEADER, KEMEROVO, OMSK, xlsx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_imports_fixes_an_error_and_sees_the_teams_on_the_dashboard(open_as, tmp_path, demo):
    rows = [
        [
            "Углева Дарья Павловна",
            "d.ugleva@kuzbass.test",
            KEMEROVO,
            "Угольный маршрут",
            "капитан",
            "АО «СУЭК-Кузбасс»",
            "PR",
        ],
        [
            "Шахтин Роман Олегович",
            "r.shakhtin(at)kuzbass.test",
            KEMEROVO,
            "Угольный маршрут",
            "участник",
            "",
            "",
        ],
        [
            "Нефтеева Ирина Сергеевна",
            "i.nefteeva@omsk.test",
            OMSK,
            "Омск нефтяной",
            "капитан",
            "",
            "",
        ],
    ]
    broken = tmp_path / "people.xlsx"
    broken.write_bytes(xlsx_bytes(rows, header=HEADER))
    admin = open_as(demo.users["admin"].email, ADMIN_PASSWORD)
    admin.goto("/certificates/cohorts/")
    admin.get_by_role("link", name="импорт слушателей").first.click()
    admin.set_input_files("input[type=file]", str(broken))
    admin.get_by_role("button", name="Проверить файл").click()
    expect(admin.locator("[data-errors]")).to_have_text("1")
    expect(admin.locator("tr[data-row='3'] td.error")).to_contain_text("неверный")
    expect(admin.get_by_role("button", name="Импортировать")).to_have_count(0)

    rows[1][1] = "r.shakhtin@kuzbass.test"
    fixed = tmp_path / "people-fixed.xlsx"
    fixed.write_bytes(xlsx_bytes(rows, header=HEADER))
    admin.set_input_files("input[type=file]", str(fixed))
    admin.get_by_role("button", name="Проверить файл").click()
    expect(admin.locator("[data-errors]")).to_have_text("0")
    expect(admin.locator("[data-create]")).to_have_text("3")
    admin.get_by_role("button", name="Импортировать").click()
    expect(admin.get_by_text("Импорт выполнен: новых 3")).to_be_visible()
    expect(admin.locator("tr[data-team='Угольный маршрут']")).to_be_visible()
    expect(admin.locator("tr[data-team='Омск нефтяной']")).to_be_visible()
    expect(admin.locator("tr[data-learner='d.ugleva@kuzbass.test']")).to_be_visible()
