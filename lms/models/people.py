"""People: users who sign in with their e-mail, with the fields a certificate and the
registry need (СНИЛС checked by its control number)."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


def validate_snils(value: str) -> None:
    """СНИЛС: 11 digits, the last two a checksum of the first nine (Pension Fund rules)."""
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) != 11 or any(ch not in "0123456789 -" for ch in value):
        raise ValidationError(_("СНИЛС состоит из 11 цифр, например 112-233-445 95."))
    number, check = digits[:9], int(digits[9:])
    if int(number) > 1001998:  # numbers up to 001-001-998 carry no checksum
        total = sum(int(d) * (9 - i) for i, d in enumerate(number))
        expected = total % 101 % 100
        if check != expected:
            raise ValidationError(_("Контрольное число СНИЛС не сходится — проверьте цифры."))


def format_snils(value: str) -> str:
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) != 11:
        return value
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:9]} {digits[9:]}"


# ОКСМ, the all-Russian classifier of countries: three digits, 643 is Russia.
validate_oksm = RegexValidator(
    r"^\d{3}$", _("Код страны по ОКСМ — три цифры, например 643 (Россия).")
)
# What replaces an anonymised person's name wherever it was written (certificates' printed
# name, other people's texts, the log).
HIDDEN_NAME = "Имя скрыто по просьбе владельца"


class User(AbstractUser):
    """A person signs in with an e-mail address; names are kept the Russian way."""

    class Sex(models.TextChoices):
        MALE = "male", _("мужской")
        FEMALE = "female", _("женский")

    class PriorEducation(models.TextChoices):
        HIGHER = "higher", _("высшее образование (ВО)")
        VOCATIONAL = "vocational", _("среднее профессиональное образование (СПО)")

    username = None
    email = models.EmailField(_("e-mail"), unique=True)
    middle_name = models.CharField(_("отчество"), max_length=150, blank=True)
    # Asked only where a cohort reports its graduates to the federal registry (ФИС ФРДО).
    birth_date = models.DateField(_("дата рождения"), null=True, blank=True)
    snils = models.CharField(_("СНИЛС"), max_length=14, blank=True, validators=[validate_snils])
    sex = models.CharField(_("пол"), max_length=6, choices=Sex.choices, blank=True)
    citizenship = models.CharField(
        _("гражданство (код страны по ОКСМ)"),
        max_length=3,
        default="643",
        validators=[validate_oksm],
    )
    # The diploma of higher or vocational education a further-education document rests on.
    prior_education = models.CharField(
        _("уровень образования"), max_length=10, choices=PriorEducation.choices, blank=True
    )
    diploma_surname = models.CharField(
        _("фамилия, указанная в дипломе"), max_length=150, blank=True
    )
    diploma_series = models.CharField(_("серия диплома"), max_length=20, blank=True)
    diploma_number = models.CharField(_("номер диплома"), max_length=30, blank=True)
    organisation = models.CharField(_("организация"), max_length=255, blank=True)
    position = models.CharField(_("должность"), max_length=255, blank=True)
    language = models.CharField(
        _("язык писем"), max_length=5, choices=settings.LANGUAGES, default="ru"
    )
    reminder_emails = models.BooleanField(_("присылать напоминания о сроках"), default=True)
    # A departed learner's data replaced on request; who did it, when and on what grounds.
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    anonymised_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    anonymised_reason = models.TextField(blank=True, editable=False)
    # 152-ФЗ ст. 10.1: the full name on public pages (certificate check, public API, signed
    # credential) needs its own consent, asked apart from the processing consent; without
    # it those pages show the surname and initials.
    name_dissemination_consent = models.BooleanField(
        _("Согласие на распространение ФИО"),
        default=False,
        help_text=_(
            "Показывать полные фамилию, имя и отчество на публичной странице проверки "
            "удостоверения и в его электронной версии (152-ФЗ, ст. 10.1). Без согласия там "
            "видны фамилия и инициалы."
        ),
    )
    name_dissemination_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The learner withdrew consent to processing (the account was closed and anonymised).
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("пользователь")
        verbose_name_plural = _("пользователи")
        ordering = ["last_name", "first_name"]

    @property
    def full_name(self) -> str:
        parts = [self.last_name, self.first_name, self.middle_name]
        return " ".join(p for p in parts if p) or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def __str__(self) -> str:
        return self.full_name
