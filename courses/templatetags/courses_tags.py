from django import template
from django.conf import settings
from django.utils.html import format_html

from ..translation import localized_title

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def page_title(page):
    """A page's title in the reader's language; a title left in Russian inside an English
    page is marked lang="ru" (its translations come from one cached read, see
    courses.translation)."""
    if page is None:
        return ""
    title, translated = localized_title(page)
    if translated:
        return title
    return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, title)


@register.filter
def title_in_language(page):
    """The title alone (for an attribute): the translation's where there is one."""
    return localized_title(page)[0] if page is not None else ""
