"""A message a person writes (a review thread's, a board's): plain text, checked one way."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def clean_message(body: str, *, limit: int) -> str:
    """The message without surrounding blanks; refused when empty, longer than `limit`
    characters or holding a NUL (which PostgreSQL cannot store)."""
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Напишите текст сообщения."))
    if len(body) > limit:
        raise ValidationError(
            _("Сообщение длиннее %(max)s знаков: сократите его.") % {"max": limit}
        )
    if "\x00" in body:
        raise ValidationError(_("В тексте есть недопустимый символ."))
    return body
