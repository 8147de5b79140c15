"""The words of a certificate: the placeholders a template's body may use and the default body."""

import re

PLACEHOLDERS = ("full_name", "program", "hours", "date", "serial", "grade", "qualification")
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")

DEFAULT_BODY = """Настоящее удостоверение подтверждает, что

{{ full_name }}

освоил(а) дополнительную профессиональную программу

«{{ program }}»

в объёме {{ hours }} ак. ч. и получил(а) квалификацию «{{ qualification }}».
Итоговый балл проекта: {{ grade }} из 100.

Дата выдачи {{ date }} · Регистрационный номер {{ serial }}"""
