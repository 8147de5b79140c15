"""People and organisation: users, regions, cohorts, teams and memberships."""

import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


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


class User(AbstractUser):
    """A person signs in with an e-mail address; names are kept the Russian way."""

    username = None
    email = models.EmailField(_("e-mail"), unique=True)
    middle_name = models.CharField(_("отчество"), max_length=150, blank=True)
    # Asked only where a cohort reports its graduates to the federal registry (ФИС ФРДО).
    birth_date = models.DateField(_("дата рождения"), null=True, blank=True)
    snils = models.CharField(_("СНИЛС"), max_length=14, blank=True, validators=[validate_snils])
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


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Неизвестный часовой пояс: %(tz)s"), params={"tz": value})


class Region(models.Model):
    name = models.CharField(_("название"), max_length=120, unique=True)
    federal_district = models.CharField(_("федеральный округ"), max_length=120, blank=True)
    time_zone = models.CharField(
        _("часовой пояс"), max_length=64, default="Europe/Moscow", validators=[validate_time_zone]
    )

    class Meta:
        verbose_name = _("регион")
        verbose_name_plural = _("регионы")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Cohort(models.Model):
    """One run of a program: its dates, its mentors, its teams."""

    title = models.CharField(_("название"), max_length=200)
    program = models.ForeignKey(
        "courses.ProgramPage",
        verbose_name=_("программа"),
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    enrolment_open = models.BooleanField(
        _("открыт набор"),
        default=False,
        help_text=_("Слушатели могут подать заявку на зачисление; администратор её одобряет."),
    )
    collects_registry_data = models.BooleanField(
        _("сведения для ФИС ФРДО"),
        default=False,
        help_text=_(
            "Слушатели указывают дату рождения и СНИЛС в профиле: они нужны для выгрузки "
            "в федеральный реестр документов об образовании."
        ),
    )
    time_zone = models.CharField(
        _("часовой пояс"), max_length=64, default="Europe/Moscow", validators=[validate_time_zone]
    )
    capacity = models.PositiveIntegerField(
        _("мест в потоке"), null=True, blank=True, help_text=_("Пусто — без ограничения.")
    )
    max_team_size = models.PositiveSmallIntegerField(
        _("участников в команде, не больше"), default=10
    )
    starts_on = models.DateField(_("начало"))
    ends_on = models.DateField(_("окончание"))
    lead_mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ведущий наставник"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_cohorts",
        help_text=_("Если указан, рецензии наставников уходят команде после его проверки."),
    )
    mentors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("наставники"),
        blank=True,
        related_name="mentored_cohorts",
    )

    class Meta:
        verbose_name = _("поток")
        verbose_name_plural = _("потоки")
        ordering = ["-starts_on"]

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Поток не может закончиться раньше, чем начался.")})

    def __str__(self) -> str:
        return self.title


class Team(models.Model):
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("поток"), on_delete=models.CASCADE, related_name="teams"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("регион"), on_delete=models.PROTECT, related_name="teams"
    )
    name = models.CharField(_("название"), max_length=200)
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("наставник"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentored_teams",
    )

    class Meta:
        verbose_name = _("команда")
        verbose_name_plural = _("команды")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "name"], name="team_name_unique_in_cohort")
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        CAPTAIN = "captain", _("капитан")
        MEMBER = "member", _("участник")

    team = models.ForeignKey(
        Team, verbose_name=_("команда"), on_delete=models.CASCADE, related_name="memberships"
    )
    # Denormalised from the team so the database itself keeps one team per cohort.
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("участник"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("роль"), max_length=16, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("участие в команде")
        verbose_name_plural = _("участие в командах")
        constraints = [
            models.UniqueConstraint(fields=["user", "cohort"], name="one_team_per_cohort"),
        ]

    def save(self, *args, **kwargs):
        self.cohort_id = self.team.cohort_id
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.user} — {self.team} ({self.get_role_display()})"


class ImportBatch(models.Model):
    """An uploaded spreadsheet between its preview and its confirmation; kept as a record."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def mark_applied(self, plan) -> None:
        from django.utils import timezone

        self.applied_at = timezone.now()
        self.summary = {action: plan.count(action) for action in ("create", "update", "unchanged")}
        self.save(update_fields=["applied_at", "summary"])


class Notification(models.Model):
    """What the site tells a user (also e-mailed): reviews, invitations, reminders, certificates."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    subject = models.CharField(max_length=255)
    body = models.TextField()
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]


class ApiToken(models.Model):
    """A token for the read-only API; only its hash is stored, the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dashboard_tokens"
    )
    name = models.CharField(_("назначение"), max_length=120)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked = models.BooleanField(_("отозван"), default=False)

    class Meta:
        verbose_name = _("токен API")
        verbose_name_plural = _("токены API")

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @staticmethod
    def _hash(token: str) -> str:
        import hashlib

        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str) -> tuple["ApiToken", str]:
        import secrets

        token = secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, key_hash=cls._hash(token)), token

    @classmethod
    def user_for(cls, token: str):
        from django.utils import timezone

        found = (
            cls.objects.select_related("user")
            .filter(key_hash=cls._hash(token), revoked=False, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        cls.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        return found.user


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

    class Meta:
        verbose_name = _("политика обработки персональных данных")
