import re
from urllib.parse import unquote

from core.downloads import ascii_fallback, content_disposition


def _filename_as_a_client_reads_it(header: str) -> str:
    # RFC 6266 §4.3: a client that understands filename* uses it over filename.
    extended = re.search(r"filename\*=UTF-8''([^;\s]+)", header)
    return unquote(extended[1], errors="strict")


def test_a_cyrillic_name_survives_with_an_ascii_fallback():
    header = content_disposition("ПТА-2026-000001.json")
    assert header.startswith("attachment; filename=\"PTA-2026-000001.json\"; filename*=UTF-8''")
    assert _filename_as_a_client_reads_it(header) == "ПТА-2026-000001.json"


def test_ascii_names_stay_as_they_are_and_quotes_cannot_break_the_header():
    assert content_disposition("frdo-cohort-7.xlsx") == 'attachment; filename="frdo-cohort-7.xlsx"'
    header = content_disposition('Отчёт "итог"\r\n.csv', as_attachment=False)
    assert header.startswith('inline; filename="Otchyot _itog___.csv"; ')
    assert "\r" not in header and "\n" not in header
    assert _filename_as_a_client_reads_it(header) == 'Отчёт "итог"\r\n.csv'


def test_transliteration_keeps_case_and_drops_hard_and_soft_signs():
    assert ascii_fallback("Щука Подъезд Ель") == "Shhuka Podezd El"
