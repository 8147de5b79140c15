"""The spreadsheet for the federal registry of education documents (ФИС ФРДО).

One row per certificate issued in the cohort, column by column as the registry's template for
further professional education («Шаблон для заполнения ДПО») has them. The learner's personal
fields (date of birth, sex, СНИЛС, citizenship, the diploma of ВО/СПО) come from the profile and
are filled only where the cohort collects them. A certificate that replaces another is a
duplicate and carries the original's number, date and names in the template's last columns.
Every text cell goes through core.spreadsheets.safe_cell.
"""

from io import BytesIO

from django.utils import timezone, translation

from core.names import split_name
from core.spreadsheets import safe_row
from lms.models import format_snils

from .models import Certificate

DOCUMENT_KIND = "Удостоверение о повышении квалификации"
ORIGINAL, DUPLICATE = "Оригинал", "Дубликат"
YES, NO = "Да", "Нет"
SEX = {"male": "Муж", "female": "Жен"}
PRIOR_EDUCATION = {"higher": "Высшее образование", "vocational": "Среднее профессиональное"}

COLUMNS = [
    "Название документа",
    "Вид документа",
    "Статус документа",
    "Подтверждение утраты",
    "Подтверждение обмена",
    "Подтверждение уничтожения",
    "Серия документа",
    "Номер документа",
    "Дата выдачи документа",
    "Регистрационный номер",
    "Дополнительная профессиональная программа (наименование)",
    "Наименование квалификации",
    "Уровень образования ВО/СПО",
    "Фамилия указанная в дипломе о ВО или СПО",
    "Серия документа о ВО/СПО",
    "Номер документа о ВО/СПО",
    "Год начала обучения",
    "Год окончания обучения",
    "Срок обучения, часов",
    "Фамилия получателя",
    "Имя получателя",
    "Отчество получателя",
    "Дата рождения получателя",
    "Пол получателя",
    "СНИЛС",
    "Форма обучения",
    "Источник финансирования обучения",
    "Форма получения образования на момент прекращения образовательных отношений",
    "Гражданство получателя (код страны по ОКСМ)",
    "Наименование документа об оригинале",
    "Серия (оригинала)",
    "Номер (оригинала)",
    "Регистрационный N (оригинала)",
    "Дата выдачи (оригинала)",
    "Фамилия получателя (оригинала)",
    "Имя получателя (оригинала)",
    "Отчество получателя (оригинала)",
]
DATE_COLUMNS = ("Дата выдачи документа", "Дата рождения получателя", "Дата выдачи (оригинала)")


def _names(certificate) -> tuple[str, str, str]:
    # The name as printed on the document, which stays even if the person is anonymised.
    return split_name(certificate.holder_name) or (certificate.holder_name, "", "")


def _issued_on(certificate):
    return timezone.localtime(certificate.issued_at).date()


def _original(certificate) -> list:
    """The template's last eight columns: the document this one replaces, if any."""
    try:
        original = certificate.replaces
    except Certificate.DoesNotExist:
        return [""] * 8
    return [
        DOCUMENT_KIND,
        "",
        original.serial,
        original.serial,
        _issued_on(original),
        *_names(original),
    ]


def registry_rows(cohort):
    """The rows under the header, in COLUMNS' order."""
    certificates = (
        Certificate.objects.filter(cohort=cohort)
        .select_related("holder", "replaces")
        .order_by("serial")
    )
    personal = cohort.collects_registry_data
    with translation.override("ru"):  # the registry reads Russian, whoever downloads
        study_form = cohort.get_study_form_display()
        funding = cohort.get_funding_source_display()
    for c in certificates:
        holder = c.holder
        last, first, middle = _names(c)
        replaces = _original(c)
        row = [
            DOCUMENT_KIND,
            DOCUMENT_KIND,
            DUPLICATE if replaces[2] else ORIGINAL,
            NO,
            YES if c.status == Certificate.Status.REPLACED else NO,
            NO,
            "",
            c.serial,
            _issued_on(c),
            c.serial,
            c.program_title,
            c.qualification,
            PRIOR_EDUCATION.get(holder.prior_education, "") if personal else "",
            holder.diploma_surname if personal else "",
            holder.diploma_series if personal else "",
            holder.diploma_number if personal else "",
            cohort.starts_on.year,
            cohort.ends_on.year,
            c.hours,
            last,
            first,
            middle,
            holder.birth_date if personal else None,
            SEX.get(holder.sex, "") if personal else "",
            format_snils(holder.snils) if personal and holder.snils else "",
            study_form,
            funding,
            study_form,
            holder.citizenship if personal else "",
            *replaces,
        ]
        yield safe_row(row)


def registry_xlsx(cohort) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = "ФРДО"
    sheet.append(safe_row(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in registry_rows(cohort):
        sheet.append(row)
    for title in DATE_COLUMNS:
        for cell in sheet[get_column_letter(COLUMNS.index(title) + 1)][1:]:
            cell.number_format = "DD.MM.YYYY"
    sheet.freeze_panes = "A2"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
