"""Every export neutralises text a spreadsheet would take for a formula (OWASP «CSV injection»):
the CSV cell starts with a single quote, the XLSX cell is a string, never a formula; numbers
stay numbers."""

import csv
import io

import pytest
from django.urls import reverse

from certificates.models import Certificate
from core.spreadsheets import safe_cell
from tests.builders.routes import certified_graduate
from tests.helpers import login

NAMES = ["=1+1", "+7 999", "-Иван", "@SUM(A1)", "\tTab", "\rReturn"]


@pytest.mark.parametrize("value", NAMES)
def test_formula_leading_text_gets_a_quote(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", [5, -5, 2.5, None, "", "Иванов", "a=b", "'=1"])
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert safe_cell(value) == value


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(body, newline=""), delimiter=";"))


def _xlsx(response):
    from openpyxl import load_workbook

    data = b"".join(response.streaming_content)
    return load_workbook(io.BytesIO(data)).active


def _check(client, url_name, cohort_id, name, column):
    csv_rows = _csv(client.get(reverse(url_name, args=[cohort_id, "csv"])))
    (cell,) = [row[column] for row in csv_rows[1:] if name in row[column]]
    assert cell.startswith("'" + name)
    sheet = _xlsx(client.get(reverse(url_name, args=[cohort_id, "xlsx"])))
    cells = [row[column] for row in sheet.iter_rows(min_row=2) if name in str(row[column].value)]
    (xcell,) = cells
    assert xcell.data_type == "s" and xcell.data_type != "f"
    assert xcell.value.startswith("'" + name)
    return csv_rows, sheet


@pytest.mark.parametrize("name", ["=1+1", "+7 999", "-Иван", "@SUM(A1)"])
def test_the_grade_book_is_excel_safe(client, demo, name):
    learner = demo.users["omsk_member"]
    learner.last_name = name
    learner.save()
    login(client, demo.users["admin"])
    csv_rows, sheet = _check(client, "cohort_gradebook", demo.cohort.pk, name, 0)
    # Figures stay figures.
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if name in str(r[0]))
    assert isinstance(row[5], int)


@pytest.mark.parametrize("name", ["=1+1", "+7 999", "-Иван", "@SUM(A1)"])
def test_the_certificate_registry_is_excel_safe(client, demo, name):
    certificate = certified_graduate(demo)
    Certificate.objects.filter(pk=certificate.pk).update(holder_name=f"{name} Елена Игоревна")
    login(client, demo.users["admin"])
    csv_rows, sheet = _check(client, "cohort_certificates_export", demo.cohort.pk, name, 1)
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if name in str(r[1]))
    assert isinstance(row[3], int)  # hours
