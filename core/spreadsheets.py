"""Spreadsheets in and out. In: reading a file an admin uploads, XLSX (by its bytes, a ZIP) or
CSV in UTF-8, cp1251 or Excel's UTF-16 «Unicode text», with the delimiter sniffed; rows as
lists of stripped strings, what they mean is the importing app's business. Out: `safe_cell`,
which every CSV/XLSX writer passes its cells through."""

import csv
import datetime as dt
import io

from django.utils.translation import gettext as _

# Text starting with one of these is read as a formula by Excel, LibreOffice or Google Sheets
# (OWASP «CSV injection»): a learner named «=HYPERLINK(...)» must stay a name.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A value for an exported cell: text that a spreadsheet would take for a formula gets a
    leading single quote; numbers, dates and empty cells stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return "'" + value
    return value


def safe_row(row) -> list:
    return [safe_cell(value) for value in row]


class ImportFileError(ValueError):
    """The file as a whole cannot be read (format, encoding, columns)."""


def _decode(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's «Unicode text»
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("Не удалось прочитать файл: сохраните его в кодировке UTF-8."))


def read_table(filename: str, data: bytes) -> list[list[str]]:
    """The file's rows as lists of strings; XLSX by its bytes (a ZIP), otherwise CSV."""
    if data[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:
            raise ImportFileError(_("Файл XLSX повреждён или защищён паролем.")) from exc
        sheet = book.worksheets[0]
        rows = [
            ["" if v is None else str(v).strip() for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        book.close()
        return rows
    utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
    if filename.lower().endswith((".xlsx", ".xls")) or (b"\x00" in data[:1024] and not utf16):
        raise ImportFileError(_("Это не таблица XLSX или CSV."))
    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [
            [cell.strip() for cell in row]
            for row in csv.reader(io.StringIO(text, newline=""), dialect)
        ]
    except csv.Error as exc:
        raise ImportFileError(
            _("Файл CSV не читается (%(error)s): сохраните таблицу заново.") % {"error": exc}
        ) from exc


YES = {"да", "yes", "д", "y", "1", "+", "true", "x", "х"}
NO = {"", "нет", "no", "н", "n", "0", "-", "false"}


def read_yes_no(text: str) -> bool | None:
    """A yes/no cell as people fill them in («да», «x», «+», empty for no); None: neither."""
    value = text.strip().lower()
    return True if value in YES else False if value in NO else None


def read_date(text: str, *, earliest: dt.date) -> dt.date | None:
    """A date cell typed as ДД.ММ.ГГГГ, ISO or with slashes (a spreadsheet's date cell reads
    «1990-05-17 00:00:00»), between `earliest` and today; None otherwise."""
    text = text.strip().split(" ")[0]
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            value = dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if earliest <= value <= dt.date.today():
            return value
    return None
