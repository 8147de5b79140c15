"""The spreadsheet for the federal registry of education documents (ФИС ФРДО).

One row per certificate issued in the cohort, columns in the order of the registry's
template for further professional education. Date of birth and СНИЛС come from the
learner's profile and are filled only where the cohort collects them.
"""

from io import BytesIO

from django.utils import timezone

from lms.importing import split_name
from lms.models import format_snils

from .models import Certificate

DOCUMENT_KIND = "Удостоверение о повышении квалификации"
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
    "Наименование дополнительной профессиональной программы",
    "Наименование квалификации",
    "Срок обучения, часов",
    "Фамилия получателя",
    "Имя получателя",
    "Отчество получателя",
    "Дата рождения получателя",
    "СНИЛС",
    "Статус на платформе",
]


def registry_rows(cohort):
    certificates = (
        Certificate.objects.filter(cohort=cohort)
        .select_related("holder", "replaced_by")
        .order_by("serial")
    )
    personal = cohort.collects_registry_data
    for c in certificates:
        holder = c.holder
        # The name as printed on the document, which stays even if the person is anonymised.
        last, first, middle = split_name(c.holder_name) or (c.holder_name, "", "")
        yield [
            DOCUMENT_KIND,
            DOCUMENT_KIND,
            "Оригинал",
            "Нет",
            "Да" if c.status == Certificate.Status.REPLACED else "Нет",
            "Нет",
            "",
            c.serial,
            timezone.localtime(c.issued_at).date(),
            c.serial,
            c.program_title,
            c.qualification,
            c.hours,
            last,
            first,
            middle,
            holder.birth_date if personal else None,
            format_snils(holder.snils) if personal and holder.snils else "",
            c.get_status_display(),
        ]


def registry_xlsx(cohort) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = "ФРДО"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in registry_rows(cohort):
        sheet.append(row)
    for column in ("I", "Q"):
        for cell in sheet[column][1:]:
            cell.number_format = "DD.MM.YYYY"
    sheet.freeze_panes = "A2"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
