"""The words of a certificate: the placeholders a template's body may use and the default body."""

import re

from core.numbers import russian_number

PLACEHOLDERS = (
    "full_name",
    "program",
    "hours",
    "date",
    "serial",
    "grade",
    "qualification",
    "city",
)
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")

# Phrased so that it needs no grammatical gender (a present-tense verb):
# «освоил(а)» reads like a form, not a document.
DEFAULT_BODY = """Настоящее удостоверение подтверждает, что

{{ full_name }}

по итогам освоения дополнительной профессиональной программы повышения квалификации

«{{ program }}»

в объёме {{ hours }} академических часов имеет квалификацию «{{ qualification }}».

Итоговая оценка проекта — {{ grade }}."""


def points(value) -> str:
    """A score as Russian documents write it: «87,5 балла из 100», «91 балл из 100»."""
    # The certificate is a Russian document in every interface language: a decimal comma.
    text = russian_number(value)
    if "," in text:
        word = "балла"  # a fraction takes the genitive singular
    else:
        n = abs(int(text)) % 100
        if 11 <= n <= 14 or n % 10 in (0, 5, 6, 7, 8, 9):
            word = "баллов"
        elif n % 10 == 1:
            word = "балл"
        else:
            word = "балла"
    return f"{text} {word} из 100"
