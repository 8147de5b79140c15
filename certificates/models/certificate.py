"""Certificates and the counter that hands out their serials."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SerialCounter(models.Model):
    """The last serial number used in a year; locked while a certificate is issued."""

    year = models.PositiveSmallIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)


def certificate_pdf_path(instance, filename):
    # Derived from the id alone, so re-rendering overwrites the same file.
    return f"certificates/{instance.pk}.pdf"


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("действителен")
        REVOKED = "revoked", _("отозван")
        REPLACED = "replaced", _("заменён")

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("владелец"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    cohort = models.ForeignKey(
        "lms.Cohort", verbose_name=_("поток"), on_delete=models.PROTECT, related_name="certificates"
    )
    program = models.ForeignKey(
        "courses.ProgramPage",
        verbose_name=_("программа"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # What was printed, kept as printed even if the profile or the page changes later.
    holder_name = models.CharField(_("ФИО"), max_length=300)
    program_title = models.CharField(_("программа"), max_length=255)
    qualification = models.CharField(_("квалификация"), max_length=255)
    hours = models.PositiveIntegerField(_("часов"))
    grade = models.DecimalField(_("балл"), max_digits=4, decimal_places=1, null=True)
    serial = models.CharField(_("номер"), max_length=40, unique=True)
    code = models.CharField(max_length=40, unique=True)
    issued_at = models.DateTimeField(_("выдан"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("статус"), max_length=10, choices=Status.choices, default=Status.VALID
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    revoked_reason = models.TextField(_("причина отзыва"), blank=True)
    replaced_by = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaces"
    )
    template = models.ForeignKey(
        "certificates.CertificateTemplate",
        verbose_name=_("шаблон"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    pdf = models.FileField(upload_to=certificate_pdf_path, blank=True)
    pdf_rendered_at = models.DateTimeField(null=True, blank=True)
    # The certificate's bit in a revocation status list (W3C Bitstring Status List): list
    # number and index, drawn at random among the free ones when it is created, never
    # reused (certificates/status.py). The bit is set once it is revoked or replaced.
    status_list = models.PositiveIntegerField(_("список статусов"), editable=False)
    status_index = models.PositiveIntegerField(_("индекс в списке статусов"), editable=False)

    class Meta:
        verbose_name = _("удостоверение")
        verbose_name_plural = _("удостоверения")
        ordering = ["-issued_at"]
        constraints = [
            # One valid certificate per person and cohort; replaced and revoked ones stay as
            # history (after a revocation an admin may issue a new one, with a new serial).
            models.UniqueConstraint(
                fields=["holder", "cohort"],
                condition=models.Q(status="valid"),
                name="one_valid_certificate_per_cohort",
            ),
            models.UniqueConstraint(
                fields=["status_list", "status_index"], name="one_certificate_per_status_bit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.serial} — {self.holder_name}"

    @property
    def public_holder_name(self) -> str:
        """The name on public pages (the verify page, the public API, the credential): in full
        if the holder consented to its dissemination (152-ФЗ ст. 10.1), else surname and
        initials. An anonymised holder's certificate says the name is hidden."""
        from core.names import surname_and_initials
        from lms.models.people import HIDDEN_NAME

        if self.holder_name == HIDDEN_NAME or self.holder.name_dissemination_consent:
            return self.holder_name
        return surname_and_initials(self.holder_name)

    def save(self, *args, **kwargs):
        if self._state.adding and self.status_index is None:
            from ..status import save_with_status_entry

            return save_with_status_entry(self, super().save, *args, **kwargs)
        return super().save(*args, **kwargs)

    def get_verify_path(self) -> str:
        return reverse("certificates:verify", kwargs={"code": self.code})

    def verify_url(self) -> str:
        return settings.SITE_URL.rstrip("/") + self.get_verify_path()


class CertificateEvent(models.Model):
    """The audit log: every issue, revocation and reissue, with who and when."""

    class Action(models.TextChoices):
        ISSUE = "issue", _("выдано")
        REVOKE = "revoke", _("отозвано")
        REISSUE = "reissue", _("перевыпущено")

    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
