from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.languages import page_language


class PolicyConsent(models.Model):
    """Consent to the personal-data policy (152-ФЗ), tied to the policy's published revision."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    policy_revision = models.PositiveIntegerField()
    policy_title = models.CharField(max_length=255)
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "policy_revision"], name="consent_once_per_revision"
            )
        ]


class PrivacyPolicyPage(Page):
    """The personal-data processing policy. Republishing it asks every user to agree again."""

    body = RichTextField(_("текст политики"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = []
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        """The operator and the retention periods come from settings, so the page and the
        platform's behaviour cannot disagree."""
        context = super().get_context(request, *args, **kwargs)
        context.update(
            page_language(self),
            operator_name=settings.OPERATOR_NAME,
            operator_address=settings.OPERATOR_ADDRESS,
            operator_email=settings.OPERATOR_EMAIL,
            import_retention_days=settings.IMPORT_FILE_RETENTION_DAYS,
        )
        return context

    class Meta:
        verbose_name = _("политика обработки персональных данных")
