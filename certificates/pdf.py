"""The certificate PDF: the admin's template (a Wagtail snippet) filled in, laid out by
print CSS and rendered by WeasyPrint, with a QR code (segno) to the verify page.

It takes a certificate and a template as given and imports neither model: the template's
admin preview renders through here."""

import base64
import mimetypes
from functools import lru_cache
from pathlib import Path

import segno
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.names import initials_first
from core.pdf import render_pdf

from .wording import DEFAULT_BODY, PLACEHOLDER, points

CSS_PATH = str(Path(__file__).parent / "print" / "certificate.css")


def qr_data_uri(url: str) -> str:
    """The QR code as a PNG of one pixel per module, printed unsmoothed (image-rendering:
    pixelated), so its squares stay sharp at any size. Drawing it as an SVG path of some
    five hundred commands took a fifth of a certificate's render time.

    A fixed mask pattern (valid by the standard) spares segno scoring all eight per render."""
    return segno.make(url, error="m", mask=2, micro=False).png_data_uri(scale=1, border=0)


@lru_cache(maxsize=32)
def _image_data_uri(image_id: int, file_name: str) -> str:
    from wagtail.images import get_image_model

    image = get_image_model().objects.get(pk=image_id)
    rendition = image.get_rendition("max-2000x1500")
    with rendition.file.open("rb") as handle:
        data = handle.read()
    mime = mimetypes.guess_type(rendition.file.name)[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def image_data_uri(image) -> str | None:
    # Embedded, so the render never depends on where media storage lives.
    return _image_data_uri(image.pk, image.file.name) if image else None


def placeholder_values(certificate, template=None) -> dict[str, str]:
    return {
        "full_name": certificate.holder_name,
        "program": certificate.program_title,
        "qualification": certificate.qualification,
        "hours": str(certificate.hours),
        "date": date_format(timezone.localtime(certificate.issued_at), "j E Y г."),
        "serial": certificate.serial,
        "grade": points(certificate.grade) if certificate.grade is not None else "—",
        "city": (template.city if template else "") or settings.CERTIFICATE_ISSUER_CITY,
    }


def fill_body(body: str, values: dict[str, str]) -> list[dict]:
    """Paragraphs of the body with placeholders replaced; everything escaped.

    A paragraph that is a single placeholder gets a class of its own (the name, the programme)."""
    paragraphs = []
    for text in (part.strip() for part in body.replace("\r\n", "\n").split("\n\n")):
        if not text:
            continue
        alone = PLACEHOLDER.fullmatch(text)
        pieces = PLACEHOLDER.split(text)  # text, name, text, name, …, text
        html = "".join(
            escape(values.get(piece, "")) if i % 2 else escape(piece).replace("\n", "<br>")
            for i, piece in enumerate(pieces)
        )
        paragraphs.append(
            {"css": f"field-{alone.group(1)}" if alone else "", "html": mark_safe(html)}
        )
    return paragraphs


def certificate_context(certificate, template=None) -> dict:
    template = template or certificate.template
    url = certificate.verify_url()
    signatories = []
    if template is not None:
        signatories = [
            {
                "name": s.name,
                "short_name": initials_first(s.name),
                "position": s.position,
                "image": image_data_uri(s.signature),
            }
            for s in template.signatories.all()
        ]
    values = placeholder_values(certificate, template)
    return {
        "certificate": certificate,
        "organisation": template.organisation if template else settings.CERTIFICATE_ISSUER_NAME,
        "title": template.title if template else "Удостоверение о повышении квалификации",
        "paragraphs": fill_body(template.body if template else DEFAULT_BODY, values),
        "city": values["city"],
        "date": values["date"],
        "seal": image_data_uri(template.seal) if template else None,
        "logo": image_data_uri(template.logo) if template else None,
        "background": image_data_uri(template.background) if template else None,
        "accent": template.accent_color if template else "#1f4e79",
        "signatories": signatories,
        "verify_url": url,
        "qr": qr_data_uri(url),
    }


def preview_context(certificate, template) -> dict:
    """For the HTML preview in the admin: the same page with its stylesheet inline."""
    css = Path(CSS_PATH).read_text(encoding="utf-8")
    return {**certificate_context(certificate, template), "inline_css": True, "css": css}


def render_certificate(certificate, template=None) -> bytes:
    context = certificate_context(certificate, template)
    # PDF/A-3b: archivable, and accepted where state systems ask for PDF/A.
    return render_pdf(
        "certificates/certificate_pdf.html",
        context,
        stylesheets=(CSS_PATH,),
        pdf_variant="pdf/a-3b",
    )
