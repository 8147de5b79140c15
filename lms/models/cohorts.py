"""Runs of a programme and who is in them: regions, cohorts, teams, memberships."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


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

    class StudyForm(models.TextChoices):
        FULL_TIME = "full_time", _("очная")
        MIXED = "mixed", _("очно-заочная")
        PART_TIME = "part_time", _("заочная")

    class Funding(models.TextChoices):
        FEDERAL = "federal", _("за счет бюджетных ассигнований федерального бюджета")
        REGIONAL = (
            "regional",
            _("за счет бюджетных ассигнований бюджетов субъектов Российской Федерации"),
        )
        LOCAL = "local", _("за счет бюджетных ассигнований местных бюджетов")
        CONTRACT = "contract", _("по договорам об оказании платных образовательных услуг")

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
            "Слушатели указывают в профиле дату рождения, СНИЛС, пол, гражданство и диплом "
            "о ВО или СПО: они нужны для выгрузки в федеральный реестр документов об образовании."
        ),
    )
    # What the registry's template asks of the cohort as a whole.
    study_form = models.CharField(
        _("форма обучения"), max_length=10, choices=StudyForm.choices, default=StudyForm.PART_TIME
    )
    funding_source = models.CharField(
        _("источник финансирования обучения"),
        max_length=10,
        choices=Funding.choices,
        blank=True,
        help_text=_("Обязателен, если поток передаёт сведения в ФИС ФРДО."),
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
        from core.languages import serves

        if self.program_id and not serves(self.program):
            # Enrolment, progress and certificates are kept on the Russian programme.
            raise ValidationError(
                {
                    "program": _(
                        "Выберите программу на русском языке: перевод только показывает текст."
                    )
                }
            )
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Поток не может закончиться раньше, чем начался.")})
        if self.collects_registry_data and not self.funding_source:
            raise ValidationError(
                {"funding_source": _("Укажите источник финансирования: его требует ФИС ФРДО.")}
            )

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


class TeamChange(models.Model):
    """One change of a team's composition: who was added, moved, removed or made captain, by
    whom, when and why. Rows are only ever added; they are the team's history."""

    class Kind(models.TextChoices):
        ADD = "add", _("добавлен(а) в команду")
        MOVE = "move", _("переведён(а) из другой команды")
        REMOVE = "remove", _("исключён(а) из команды")
        CAPTAIN = "captain", _("назначен(а) капитаном")

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("поток"), on_delete=models.CASCADE, related_name="team_changes"
    )
    # The team the change is about: joined (add, move), left (remove), or led (captain).
    team = models.ForeignKey(
        Team, verbose_name=_("команда"), on_delete=models.CASCADE, related_name="changes"
    )
    # A move's team of departure.
    other_team = models.ForeignKey(
        Team,
        verbose_name=_("прежняя команда"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("участник"),
        on_delete=models.CASCADE,
        related_name="team_changes",
    )
    kind = models.CharField(_("изменение"), max_length=16, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто изменил"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("когда"), auto_now_add=True)
    reason = models.TextField(_("основание"), blank=True)

    class Meta:
        verbose_name = _("изменение состава команды")
        verbose_name_plural = _("изменения состава команд")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["cohort", "-at"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_kind_display()} ({self.team})"
