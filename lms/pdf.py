"""HTML to PDF with WeasyPrint: one warm font configuration per process."""

from functools import lru_cache

from django.template.loader import render_to_string
from django.utils import translation


@lru_cache(maxsize=1)
def font_config():
    # fontconfig's setup is the slow part of a render; do it once per worker process.
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def render_pdf(template: str, context: dict, *, language: str = "ru") -> bytes:
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(template, context)
    return HTML(string=html).write_pdf(font_config=font_config())
