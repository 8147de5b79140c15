"""The ФИС ФРДО export follows the registry's ДПО template column by column (the template's
own header kept in tests/certificates/data), fills the cohort's and the learner's registry
fields, carries the original's fields on a replacement, and is Excel-safe."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import issue_certificate, reissue_certificate
from lms.models import Cohort
from tests.certificates.data.frdo_dpo_template import COLUMNS as TEMPLATE
from tests.helpers import login


def _sheet(client, cohort):
    from openpyxl import load_workbook

    response = client.get(reverse("certificates:registry", args=[cohort.id]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def _rows(sheet):
    values = list(sheet.values)
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


@pytest.fixture
def registry_cohort(demo):
    cohort = demo.cohort
    cohort.collects_registry_data = True
    cohort.study_form = Cohort.StudyForm.MIXED
    cohort.funding_source = Cohort.Funding.REGIONAL
    cohort.save()
    return cohort


@pytest.fixture
def registered_graduate(graduate):
    graduate.birth_date = dt.date(1990, 5, 17)
    graduate.snils = "11223344595"
    graduate.sex = "female"
    graduate.citizenship = "643"
    graduate.prior_education = "higher"
    graduate.diploma_surname = "Петрова"
    graduate.diploma_series = "107718"
    graduate.diploma_number = "0123456"
    graduate.save()
    return graduate


def test_the_header_is_the_templates_own(client, demo, registry_cohort):
    login(client, demo.users["admin"])
    header = [cell.value for cell in _sheet(client, registry_cohort)[1]]
    assert header == TEMPLATE


def test_a_row_fills_the_cohorts_and_the_learners_registry_fields(
    client, demo, registry_cohort, registered_graduate
):
    certificate = issue_certificate(
        holder=registered_graduate, cohort=registry_cohort, issued_by=demo.users["admin"]
    )
    login(client, demo.users["admin"])
    (row,) = _rows(_sheet(client, registry_cohort))
    assert row["Статус документа"] == "Оригинал" and row["Подтверждение обмена"] == "Нет"
    assert row["Номер документа"] == row["Регистрационный номер"] == certificate.serial
    assert row["Уровень образования ВО/СПО"] == "Высшее образование"
    assert row["Фамилия указанная в дипломе о ВО или СПО"] == "Петрова"
    assert (row["Серия документа о ВО/СПО"], row["Номер документа о ВО/СПО"]) == (
        "107718",
        "0123456",
    )
    assert row["Год начала обучения"] == registry_cohort.starts_on.year
    assert row["Год окончания обучения"] == registry_cohort.ends_on.year
    assert row["Пол получателя"] == "Жен" and row["СНИЛС"] == "112-233-445 95"
    assert row["Дата рождения получателя"].date() == dt.date(1990, 5, 17)
    assert row["Форма обучения"] == "очно-заочная"
    assert row["Источник финансирования обучения"].startswith("за счет бюджетных ассигнований бюдж")
    assert row["Гражданство получателя (код страны по ОКСМ)"] == "643"
    assert row["Номер (оригинала)"] is None  # an original has no original


def test_a_replacement_carries_the_originals_fields(client, demo, registry_cohort, graduate):
    admin = demo.users["admin"]
    first = issue_certificate(holder=graduate, cohort=registry_cohort, issued_by=admin)
    graduate.last_name = "Смирнова"
    graduate.save()
    new = reissue_certificate(certificate=first, reissued_by=admin, reason="Смена фамилии")
    login(client, admin)
    rows = {r["Номер документа"]: r for r in _rows(_sheet(client, registry_cohort))}
    old_row, new_row = rows[first.serial], rows[new.serial]
    assert old_row["Подтверждение обмена"] == "Да"
    assert new_row["Статус документа"] == "Дубликат"
    assert new_row["Фамилия получателя"] == "Смирнова"
    first.refresh_from_db()
    assert new_row["Наименование документа об оригинале"] == old_row["Название документа"]
    assert new_row["Номер (оригинала)"] == first.serial
    assert new_row["Регистрационный N (оригинала)"] == first.serial
    assert new_row["Серия (оригинала)"] == old_row["Серия документа"]
    issued = timezone.localtime(first.issued_at).date()
    assert new_row["Дата выдачи (оригинала)"].date() == issued
    last, first_name, middle = first.holder_name.split()
    assert (
        new_row["Фамилия получателя (оригинала)"],
        new_row["Имя получателя (оригинала)"],
        new_row["Отчество получателя (оригинала)"],
    ) == (last, first_name, middle)
    assert Certificate.objects.get(pk=first.pk).status == Certificate.Status.REPLACED


@pytest.mark.parametrize("name", ["=1+1", "+7 999", "-Иван", "@SUM(A1)"])
def test_cells_are_excel_safe(client, demo, registry_cohort, registered_graduate, name):
    registered_graduate.diploma_surname = name
    registered_graduate.save()
    issue_certificate(
        holder=registered_graduate, cohort=registry_cohort, issued_by=demo.users["admin"]
    )
    surname = name.replace(" ", "")  # the printed name is split into three words
    Certificate.objects.filter(holder=registered_graduate).update(
        holder_name=f"{surname} Елена Игоревна"
    )
    login(client, demo.users["admin"])
    sheet = _sheet(client, registry_cohort)
    for title, typed in (
        ("Фамилия получателя", surname),
        ("Фамилия указанная в дипломе о ВО или СПО", name),
    ):
        cell = sheet.cell(row=2, column=TEMPLATE.index(title) + 1)
        assert cell.data_type != "f"
        assert cell.value == "'" + typed


def test_the_registry_reads_russian_whoever_downloads(demo, registry_cohort, graduate):
    from django.utils import translation

    from certificates.registry import registry_rows

    issue_certificate(holder=graduate, cohort=registry_cohort, issued_by=demo.users["admin"])
    with translation.override("en"):
        (row,) = list(registry_rows(registry_cohort))
    form = TEMPLATE.index("Форма обучения")
    assert row[form] == "очно-заочная"
    assert row[form + 1].startswith("за счет бюджетных ассигнований")
