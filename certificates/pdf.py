"""The certificate PDF: HTML and print CSS rendered by WeasyPrint, with a QR code by segno."""

from functools import lru_cache

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


@lru_cache(maxsize=1)
def _font_config():
    # One FontConfiguration per worker process: fontconfig's setup is the slow part.
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def qr_svg_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, border=0)


def render_certificate(certificate) -> bytes:
    from weasyprint import HTML

    url = certificate.verify_url()
    with translation.override("ru"):
        html = render_to_string(
            "certificates/certificate_pdf.html",
            {
                "certificate": certificate,
                "issuer": settings.CERTIFICATE_ISSUER_NAME,
                "verify_url": url,
                "qr": qr_svg_data_uri(url),
            },
        )
    return HTML(string=html).write_pdf(font_config=_font_config())
