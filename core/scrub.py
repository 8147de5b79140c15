"""Replacing strings in every text column of every table: what anonymising a person needs
(their name in other people's messages, reasons, e-mails in the outbox, log entries,
revisions). It knows no app: the caller says what to replace and which models to leave."""

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def scrub(value, identifiers: dict[str, str]):
    """The value (text, or JSON of lists and dicts) with every identifier replaced."""
    if isinstance(value, str):
        for needle in sorted(identifiers, key=len, reverse=True):  # the full name first
            if needle.lower() in value.lower():
                value = _replace_ignoring_case(value, needle, identifiers[needle])
        return value
    if isinstance(value, list):
        return [scrub(v, identifiers) for v in value]
    if isinstance(value, dict):
        return {scrub(k, identifiers): scrub(v, identifiers) for k, v in value.items()}
    return value


def _replace_ignoring_case(text: str, needle: str, replacement: str) -> str:
    lowered, low_needle, out, start = text.lower(), needle.lower(), [], 0
    while (index := lowered.find(low_needle, start)) != -1:
        out.append(text[start:index] + replacement)
        start = index + len(needle)
    return "".join(out) + text[start:]


def replace_everywhere(identifiers: dict[str, str], *, skip: set[str]) -> int:
    """Replace each identifier (case-insensitively) by its replacement in every text or JSON
    column of every model but those labelled in `skip`. Returns the rows changed."""
    changed = 0
    for model in apps.get_models():
        if model._meta.label_lower in skip or model._meta.proxy:
            continue
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, TEXT_FIELDS) and not f.primary_key and f.model is model
        ]
        if not fields:
            continue
        query = Q()
        annotations = {}
        for field in fields:
            column = field.name
            if isinstance(field, models.JSONField):
                column = f"_text_{field.name}"
                annotations[column] = Cast(field.name, models.TextField())
            for needle in identifiers:
                query |= Q(**{f"{column}__icontains": needle})
        rows = model._base_manager.annotate(**annotations).filter(query)
        for row in rows.iterator():
            names = []
            for field in fields:
                before = getattr(row, field.attname)
                after = scrub(before, identifiers)
                if after != before:
                    setattr(row, field.attname, after)
                    names.append(field.attname)
            if names:
                model._base_manager.filter(pk=row.pk).update(
                    **{name: getattr(row, name) for name in names}
                )
                changed += 1
    return changed
