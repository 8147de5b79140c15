"""The certificate PDF: HTML and print CSS rendered by WeasyPrint, with a QR code by segno."""

import segno
from django.conf import settings

from lms.pdf import render_pdf


def qr_svg_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, border=0)


def render_certificate(certificate) -> bytes:
    url = certificate.verify_url()
    return render_pdf(
        "certificates/certificate_pdf.html",
        {
            "certificate": certificate,
            "issuer": settings.CERTIFICATE_ISSUER_NAME,
            "verify_url": url,
            "qr": qr_svg_data_uri(url),
        },
    )
