"""People and organisation: users, regions, cohorts, teams and memberships."""

import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
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


class User(AbstractUser):
    """A person signs in with an e-mail address; names are kept the Russian way."""

    username = None
    email = models.EmailField(_("e-mail"), unique=True)
    middle_name = models.CharField(_("отчество"), max_length=150, blank=True)
    # Asked only where a cohort reports its graduates to the federal registry (ФИС ФРДО).
    birth_date = models.DateField(_("дата рождения"), null=True, blank=True)
    snils = models.CharField(_("СНИЛС"), max_length=14, blank=True, validators=[validate_snils])

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
