"""Spreadsheets as a competence centre uploads them: the import's header and a few real-looking
rows (invented people at real organisations of Kuzbass and Omsk), as CSV or XLSX bytes."""

import io

from openpyxl import Workbook

HEADER = ["ФИО", "E-mail", "Регион", "Команда", "Роль", "Организация", "Должность"]
KEMEROVO = "Кемеровская область — Кузбасс"
OMSK = "Омская область"
ROWS = [
    [
        "Углева Дарья Павловна",
        "d.ugleva@kuzbass.test",
        KEMEROVO,
        "Угольный маршрут",
        "капитан",
        "АО «СУЭК-Кузбасс»",
        "специалист по связям с общественностью",
    ],
    [
        "Шахтин Роман Олегович",
        "r.shakhtin@kuzbass.test",
        KEMEROVO,
        "Угольный маршрут",
        "участник",
        "Администрация г. Ленинск-Кузнецкий",
        "главный специалист",
    ],
    [
        "Нефтеева Ирина Сергеевна",
        "i.nefteeva@omsk.test",
        OMSK,
        "Омск нефтяной",
        "капитан",
        "Омский НПЗ",
        "экскурсовод",
    ],
]


def csv_bytes(rows, *, header=HEADER, encoding="utf-8", delimiter=";"):
    out = io.StringIO()
    for row in [header, *rows]:
        out.write(delimiter.join(row) + "\r\n")
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows, *, header=HEADER):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
