from django import template
from django.utils.html import format_html

from core.languages import localized_title

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def page_title(page):
    """A page's title in the reader's language; a title left in Russian inside an English
    page is marked lang="ru" (the translations come from one cached read: core.languages)."""
    if page is None:
        return ""
    title = localized_title(page)
    return format_html('<span lang="{}">{}</span>', title.lang, title) if title.lang else title


@register.filter
def title_in_language(page):
    """The title alone (for an attribute): the translation's where there is one."""
    return localized_title(page) if page is not None else ""
