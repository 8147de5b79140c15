"""The look of a certificate, edited by admins as a Wagtail snippet and previewed before use."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, PreviewableMixin

from core.languages import default_locale_pages
from courses.models import ProgramPage

from ..pdf import preview_context, render_certificate
from ..wording import DEFAULT_BODY, PLACEHOLDER, PLACEHOLDERS
from .certificate import Certificate


def validate_placeholders(text: str) -> None:
    unknown = sorted({name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Неизвестные подстановки: %(unknown)s. Доступны: %(known)s."),
            params={
                "unknown": ", ".join(f"{{{{ {name} }}}}" for name in unknown),
                "known": ", ".join(f"{{{{ {name} }}}}" for name in PLACEHOLDERS),
            },
        )


class CertificateTemplate(PreviewableMixin, ClusterableModel):
    name = models.CharField(_("название шаблона"), max_length=120, unique=True)
    organisation = models.CharField(_("организация"), max_length=255)
    title = models.CharField(
        _("заголовок документа"), max_length=200, default="Удостоверение о повышении квалификации"
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("логотип"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    background = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("фоновое изображение"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    city = models.CharField(
        _("город выдачи"),
        max_length=100,
        blank=True,
        help_text=_("Печатается перед датой выдачи, как в документах об образовании."),
    )
    seal = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("оттиск печати"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Без изображения на месте печати стоит «М. П.»."),
    )
    body = models.TextField(
        _("текст"),
        default=DEFAULT_BODY,
        validators=[validate_placeholders],
        help_text=_(
            "Абзацы разделяются пустой строкой. Подстановки: {{ full_name }}, {{ program }}, "
            "{{ hours }}, {{ date }}, {{ serial }}, {{ grade }}, {{ qualification }}, "
            "{{ city }}. Регистрационный номер, город и дата печатаются под текстом всегда."
        ),
    )
    accent_color = models.CharField(
        _("цвет рамки"),
        max_length=7,
        default="#1f4e79",
        # Goes into CSS: only a #rrggbb colour, nothing that could close the rule.
        validators=[
            RegexValidator(
                r"^#[0-9a-fA-F]{6}$", _("Цвет задаётся в виде #RRGGBB, например #1f4e79.")
            )
        ],
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("logo"),
                FieldPanel("title"),
                FieldPanel("city"),
            ],
            heading=_("Организация"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("background"), FieldPanel("accent_color"), FieldPanel("seal")],
            heading=_("Оформление"),
        ),
        InlinePanel("signatories", label=_("Подписи"), max_num=3),
    ]
    preview_modes = [("pdf", _("PDF")), ("html", _("HTML"))]

    class Meta:
        verbose_name = _("шаблон удостоверения")
        verbose_name_plural = _("шаблоны удостоверений")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_preview_template(self, request, mode_name):
        return "certificates/certificate_pdf.html"

    def get_preview_context(self, request, mode_name):
        return preview_context(sample_certificate(), self)

    def serve_preview(self, request, mode_name):
        if mode_name == "html":
            return super().serve_preview(request, mode_name)
        response = HttpResponse(
            render_certificate(sample_certificate(), self), content_type="application/pdf"
        )
        response["Content-Disposition"] = 'inline; filename="preview.pdf"'
        return response


def sample_certificate() -> Certificate:
    """An unsaved certificate with a long name, for previewing a template."""
    # The Russian programme: the certificate is issued in Russian, whatever the admin reads.
    program = default_locale_pages(ProgramPage.objects.live()).order_by("path").first()
    return Certificate(
        holder_name="Константинопольская-Преображенская Александра Вячеславовна",
        program_title=program.title if program else "Специалист по развитию промышленного туризма",
        qualification=program.qualification if program else "Специалист",
        hours=program.hours if program else 72,
        grade=Decimal("87.5"),
        serial=f"{settings.CERTIFICATE_SERIAL_PREFIX}-{timezone.localdate().year}-000000",
        code="preview",
        issued_at=timezone.now(),
    )


class Signatory(Orderable):
    template = ParentalKey(
        CertificateTemplate, on_delete=models.CASCADE, related_name="signatories"
    )
    name = models.CharField(_("ФИО"), max_length=150)
    position = models.CharField(_("должность"), max_length=200)
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("подпись (изображение)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("position"), FieldPanel("signature")]
