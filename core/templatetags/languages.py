from django import template
from django.conf import settings
from django.utils.html import format_html

from ..languages import in_default_language

register = template.Library()


@register.filter
def russian_if_marked(title):
    """A title (core.languages.Title) marked Russian gets lang="ru"; any other as it is."""
    if getattr(title, "lang", ""):
        return format_html('<span lang="{}">{}</span>', title.lang, title)
    return title


@register.filter
def russian(value):
    """Russian text (a snippet's name, a region, a setting) inside a page read in another
    language: marked lang="ru", so a screen reader pronounces it as Russian."""
    if value in ("", None) or in_default_language():
        return value
    return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, value)
