"""Route-design assignments, the team's versioned routes, rubrics and mentor reviews."""

import hashlib
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from core.pages import PresentedPage
from lms.models import validate_time_zone

from .. import late_work
from ..admin_forms import RouteAssignmentPageForm


class LatePolicy(models.TextChoices):
    ACCEPT = late_work.ACCEPT, _("принимать без отметки")
    MARK = late_work.MARK, _("отмечать как просроченную")
    PENALISE = late_work.PENALISE, _("снижать балл за каждые начатые сутки")


class Rubric(ClusterableModel):
    title = models.CharField(_("название"), max_length=200)

    panels = [FieldPanel("title"), InlinePanel("criteria", label=_("Критерии"), min_num=1)]

    class Meta:
        verbose_name = _("рубрика оценивания")
        verbose_name_plural = _("рубрики оценивания")

    def __str__(self) -> str:
        return self.title

    def fingerprint(self) -> str:
        """Changes whenever a criterion's name, weight or scale changes (old reviews: regrade)."""
        return rubric_fingerprint(self.criteria.order_by("sort_order", "pk"))


def rubric_fingerprint(criteria) -> str:
    """The fingerprint of a rubric's criteria, in their order (see Rubric.fingerprint)."""
    text = "|".join(f"{c.pk}:{c.name}:{c.weight}:{c.max_points}" for c in criteria)
    return hashlib.sha1(text.encode()).hexdigest()


class Criterion(Orderable):
    rubric = ParentalKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("критерий"), max_length=200)
    description = models.TextField(_("что оценивается"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("вес"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_points = models.PositiveSmallIntegerField(
        _("наибольший балл"), default=4, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    level_descriptors = models.TextField(
        _("описание уровней"),
        blank=True,
        help_text=_("По строке на уровень, начиная с 0: что значит каждый балл."),
    )
    # Where the checker can suggest a level: findings with these codes lower it.
    measured_by = models.CharField(
        _("измеряется проверкой"),
        max_length=20,
        blank=True,
        choices=[("logistics", _("логистика и выполнимость")), ("safety", _("безопасность"))],
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("weight"),
        FieldPanel("max_points"),
        FieldPanel("level_descriptors"),
        FieldPanel("measured_by"),
    ]

    def levels(self) -> list[tuple[int, str]]:
        lines = [line.strip() for line in self.level_descriptors.splitlines() if line.strip()]
        return [
            (points, lines[points] if points < len(lines) else str(points))
            for points in range(self.max_points + 1)
        ]

    class Meta(Orderable.Meta):
        verbose_name = _("критерий")
        verbose_name_plural = _("критерии")

    def __str__(self) -> str:
        return self.name


class RouteAssignmentPage(PresentedPage, Page):
    """The brief of the team project: design an industrial-tourism route."""

    base_form_class = RouteAssignmentPageForm

    goal = models.TextField(_("цель"), blank=True)
    brief = RichTextField(_("задание"))
    audiences = models.CharField(
        _("аудитории на выбор"),
        max_length=255,
        blank=True,
        help_text=_("Например: школьники 14+, студенты, корпоративные группы."),
    )
    max_days = models.PositiveSmallIntegerField(_("не больше дней"), null=True, blank=True)
    max_price = models.DecimalField(
        _("бюджет на человека, ₽"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    max_group_size = models.PositiveSmallIntegerField(_("группа не больше"), null=True, blank=True)
    deadline = models.DateTimeField(_("срок сдачи"))
    time_zone = models.CharField(
        _("часовой пояс срока"),
        max_length=64,
        default="Europe/Moscow",
        validators=[validate_time_zone],
    )
    # The hard cut-off as days after the deadline, so a team's extension moves it with its
    # deadline (a date of its own would leave an extended team no time, or refuse it outright).
    cutoff_days = models.PositiveSmallIntegerField(
        _("приём закрывается через, суток после срока"),
        null=True,
        blank=True,
        help_text=_(
            "Пусто — работы принимаются и после срока без ограничения. Отсчёт идёт от срока "
            "команды (с продлением) по часовому поясу срока: срок 20 декабря 18:00 и 3 суток — "
            "приём закрыт 23 декабря в 18:00."
        ),
    )
    late_policy = models.CharField(
        _("работа после срока"),
        max_length=10,
        choices=LatePolicy.choices,
        default=LatePolicy.MARK,
    )
    late_penalty_per_day = models.PositiveSmallIntegerField(
        _("снижение за каждые начатые сутки, %"),
        null=True,
        blank=True,
        help_text=_("Балл за проект уменьшается на столько процентов за каждые начатые сутки."),
    )
    late_penalty_max = models.PositiveSmallIntegerField(
        _("снижение не более, %"),
        null=True,
        blank=True,
        help_text=_("Пусто — не более 100 %."),
    )
    rubric = models.ForeignKey(
        Rubric, verbose_name=_("рубрика"), on_delete=models.PROTECT, related_name="+"
    )
    # The peer stage (assessments.phases, models.peer): teams review each other's routes.
    peer_review = models.BooleanField(_("взаимное рецензирование команд"), default=False)
    peer_reviews_per_route = models.PositiveSmallIntegerField(
        _("рецензий на маршрут"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("Сколько других команд рецензирует каждый маршрут (если команд хватает)."),
    )
    peer_anonymous = models.BooleanField(
        _("анонимно"),
        default=True,
        help_text=_(
            "Рецензенты не видят названия, региона и участников команды-автора, "
            "авторы — команды-рецензента."
        ),
    )
    peer_review_opens = models.DateTimeField(
        _("рецензирование открывается"),
        null=True,
        blank=True,
        help_text=_("Пусто — в срок сдачи."),
    )
    peer_review_closes = models.DateTimeField(
        _("рецензирование закрывается"),
        null=True,
        blank=True,
        help_text=_("Пусто — закрывает вручную администратор или ведущий наставник."),
    )
    peer_score_weight = models.PositiveSmallIntegerField(
        _("доля оценок команд в балле, %"),
        default=0,
        help_text=_("Средний балл рецензий других команд входит в балл за проект с этой долей."),
    )
    grading_grade_weight = models.PositiveSmallIntegerField(
        _("доля оценки за рецензирование, %"),
        default=0,
        help_text=_(
            "Насколько близки оценки команды-рецензента к оценкам наставника; входит в её "
            "собственный балл за проект с этой долей."
        ),
    )
    case_studies = ParentalManyToManyField(
        "courses.CaseStudyPage", verbose_name=_("кейсы в помощь"), blank=True, related_name="+"
    )
    enterprises = ParentalManyToManyField(
        "courses.Enterprise",
        verbose_name=_("предприятия на выбор"),
        blank=True,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("goal"),
        FieldPanel("brief"),
        FieldPanel("audiences"),
        MultiFieldPanel(
            [FieldPanel("max_days"), FieldPanel("max_price"), FieldPanel("max_group_size")],
            heading=_("Ограничения"),
        ),
        MultiFieldPanel([FieldPanel("deadline"), FieldPanel("time_zone")], heading=_("Срок")),
        MultiFieldPanel(
            [
                FieldPanel("cutoff_days"),
                FieldPanel("late_policy"),
                FieldPanel("late_penalty_per_day"),
                FieldPanel("late_penalty_max"),
            ],
            heading=_("Сдача после срока"),
        ),
        FieldPanel("rubric"),
        MultiFieldPanel(
            [
                FieldPanel("peer_review"),
                FieldPanel("peer_reviews_per_route"),
                FieldPanel("peer_anonymous"),
                FieldPanel("peer_review_opens"),
                FieldPanel("peer_review_closes"),
                FieldPanel("peer_score_weight"),
                FieldPanel("grading_grade_weight"),
            ],
            heading=_("Взаимное рецензирование"),
        ),
        FieldPanel("case_studies"),
        FieldPanel("enterprises"),
    ]

    def shortlisted_enterprise_ids(self) -> tuple[int, ...]:
        """The ids of the enterprises the brief lists («предприятия на выбор»), read once per
        instance; selectors.assignment_page caches them with the page."""
        if "_shortlist_ids" not in self.__dict__:
            self._shortlist_ids = tuple(
                self.enterprises.order_by("pk").values_list("pk", flat=True)
            )
        return self._shortlist_ids

    def local_deadline(self):
        return self.deadline.astimezone(zoneinfo.ZoneInfo(self.time_zone))

    def cutoff_for(self, deadline):
        """When submitting closes for a team whose deadline is `deadline` (the assignment's or
        an extension): `cutoff_days` later by the clock of the assignment's zone; None if
        submissions never close."""
        return late_work.cutoff(deadline, self.cutoff_days, zoneinfo.ZoneInfo(self.time_zone))

    @property
    def cutoff(self):
        return self.cutoff_for(self.deadline)

    @property
    def peer_opens(self):
        """When the peer review opens by date: its own date, else the deadline."""
        return self.peer_review_opens or self.deadline

    def late_terms(self, deadline, submitted_at) -> late_work.Lateness:
        """How late a version handed in at `submitted_at` is against `deadline`, under this
        assignment's policy (frozen on the version when it is submitted)."""
        return late_work.lateness(
            deadline=deadline,
            submitted_at=submitted_at,
            policy=self.late_policy,
            per_day=self.late_penalty_per_day or 0,
            cap=100 if self.late_penalty_max is None else self.late_penalty_max,
        )

    def clean(self):
        super().clean()
        errors = {}
        if self.cutoff_days is not None and self.cutoff_days < 1:
            errors["cutoff_days"] = _(
                "Приём должен закрываться позже срока: не меньше 1 суток после него "
                "(или оставьте поле пустым)."
            )
        for name in ("late_penalty_per_day", "late_penalty_max"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= 100:
                errors[name] = _("Процент — от 0 до 100.")
        errors.update(self._peer_errors())
        if self.late_policy == LatePolicy.PENALISE and not self.late_penalty_per_day:
            errors.setdefault(
                "late_penalty_per_day",
                _("Укажите, на сколько процентов снижать балл за каждые начатые сутки (1–100)."),
            )
        if errors:
            raise ValidationError(errors)

    def _peer_errors(self) -> dict:
        errors = {}
        for name in ("peer_score_weight", "grading_grade_weight"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= 100:
                errors[name] = _("Процент — от 0 до 100.")
        weights = (self.peer_score_weight or 0) + (self.grading_grade_weight or 0)
        if not errors and weights > 100:
            errors["grading_grade_weight"] = _(
                "Вместе доли оценок команд и оценки за рецензирование — не больше 100 "
                "процентов, сейчас %(sum)s."
            ) % {"sum": weights}
        if weights and not self.peer_review:
            errors["peer_review"] = _(
                "Доли в балле задаются для взаимного рецензирования: включите его или "
                "поставьте доли 0."
            )
        opens = self.peer_review_opens or self.deadline
        if self.peer_review_closes and opens and self.peer_review_closes <= opens:
            errors["peer_review_closes"] = _(
                "Рецензирование должно закрываться позже, чем открывается."
            )
        return errors

    parent_page_types = ["courses.ProgramPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("задание: маршрут")
        verbose_name_plural = _("задания: маршрут")


class RouteDesign(models.Model):
    """A team's route for one assignment; its content lives in versions."""

    class State(models.TextChoices):
        DRAFT = "draft", _("черновик")
        SUBMITTED = "submitted", _("на проверке")
        IN_REVIEW = "in_review", _("проверяется")
        RETURNED = "returned", _("возвращён на доработку")
        ACCEPTED = "accepted", _("принят")

    team = models.ForeignKey("lms.Team", on_delete=models.CASCADE, related_name="routes")
    assignment = models.ForeignKey(
        RouteAssignmentPage, on_delete=models.PROTECT, related_name="routes"
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.DRAFT)
    deadline_extended_to = models.DateTimeField(_("срок продлён до"), null=True, blank=True)
    # The deadline the captain was last reminded of (an extension earns a new reminder).
    reminded_for_deadline = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("маршрут команды")
        verbose_name_plural = _("маршруты команд")
        constraints = [
            models.UniqueConstraint(fields=["team", "assignment"], name="one_route_per_team")
        ]
        indexes = [models.Index(fields=["state", "updated_at"])]

    def __str__(self) -> str:
        return f"{self.team}: {self.assignment.title}"

    @property
    def deadline(self):
        return self.deadline_extended_to or self.assignment.deadline

    @property
    def cutoff(self):
        """When submitting closes for this team (an extension moves it too), or None."""
        return self.assignment.cutoff_for(self.deadline)

    @property
    def submission_closed(self) -> bool:
        cutoff = self.cutoff
        return cutoff is not None and timezone.now() > cutoff


class RouteDesignVersion(models.Model):
    """One version of a route. A submitted version is frozen and never edited."""

    design = models.ForeignKey(RouteDesign, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()

    class Audience(models.TextChoices):
        SCHOOLCHILDREN = "schoolchildren", _("школьники 14+")
        STUDENTS = "students", _("студенты")
        FAMILIES = "families", _("семьи с детьми")
        BUSINESS = "business", _("деловые туристы")
        CORPORATE = "corporate", _("корпоративные группы")
        TOURISTS = "tourists", _("туристы")

    title = models.CharField(_("название маршрута"), max_length=200, blank=True)
    narrative = models.TextField(_("замысел"), blank=True)
    audience = models.CharField(
        _("целевая аудитория"), max_length=20, choices=Audience.choices, blank=True
    )
    audience_min_age = models.PositiveSmallIntegerField(
        _("возраст младших гостей"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    season = models.CharField(_("сезон"), max_length=100, blank=True)
    days = models.PositiveSmallIntegerField(
        _("дней"), default=1, validators=[MinValueValidator(1), MaxValueValidator(14)]
    )
    group_size = models.PositiveSmallIntegerField(
        _("размер группы"), null=True, blank=True, validators=[MaxValueValidator(500)]
    )
    start_date = models.DateField(_("дата поездки"), null=True, blank=True)
    price_per_person = models.DecimalField(
        _("цена на человека, ₽"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    # [{"label": "Трансфер", "amount": "1500.00"}, …] per person
    cost_items = models.JSONField(_("статьи затрат"), default=list, blank=True)
    meeting_point = models.CharField(_("место сбора"), max_length=255, blank=True)
    safety_plan = models.TextField(_("план безопасности"), blank=True)
    # How each safety requirement of the route's sites is met, by checklist item key
    # (assessments.checklist): {"<key>": {"how": "site" | "group" | "not_needed",
    # "reason": "…"}}; a «not needed» always has its reason.
    safety_answers = models.JSONField(_("чек-лист безопасности"), default=dict, blank=True)
    # The checker's findings as they stood when the version was submitted.
    findings = models.JSONField(default=list, blank=True)
    # Optimistic locking: each save of the draft bumps it.
    lock_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Marked late (the assignment's policy may accept late work unmarked).
    is_late = models.BooleanField(_("сдан после срока"), default=False)
    # Facts as they stood at submission, not recomputed from a deadline changed later: how
    # far past the team's deadline it came, and the score reduction this earns, in percent.
    late_by = models.DurationField(_("опоздание"), null=True, blank=True)
    late_penalty = models.PositiveSmallIntegerField(_("снижение балла за опоздание, %"), default=0)
    # The captain took a submitted version back before its review was published: it stays
    # in the history as sent, with who took it back, when and why.
    withdrawn_at = models.DateTimeField(_("отозвана"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdraw_reason = models.CharField(_("почему отозвана"), max_length=500, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["design", "number"], name="version_number_unique")
        ]

    @property
    def is_frozen(self) -> bool:
        return self.submitted_at is not None

    def __str__(self) -> str:
        return f"{self.design} v{self.number}"


class RouteStop(models.Model):
    version = models.ForeignKey(RouteDesignVersion, on_delete=models.CASCADE, related_name="stops")
    position = models.PositiveSmallIntegerField()
    # The same stop in every version of the route (see snapshots.StopData.key).
    key = models.UUIDField(default=uuid.uuid4, editable=False)

    class Transfer(models.TextChoices):
        COACH = "coach", _("автобус")
        WALK = "walk", _("пешком")
        TRAIN = "train", _("поезд")
        PLANE = "plane", _("самолёт")

    class Kind(models.TextChoices):
        # What the stop is for: the checker finds meals and nights by it, not by names.
        VISIT = "visit", _("посещение")
        MEAL = "meal", _("питание")
        ACCOMMODATION = "accommodation", _("ночлег")
        OTHER = "other", _("другое")

    enterprise = models.ForeignKey(
        "courses.Enterprise",
        verbose_name=_("предприятие"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    # A place that is not an enterprise of the catalogue: museum, café, hotel, creative space.
    place_name = models.CharField(_("другое место"), max_length=200, blank=True)
    kind = models.CharField(
        _("тип остановки"), max_length=16, choices=Kind.choices, default=Kind.VISIT
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    day = models.PositiveSmallIntegerField(_("день"), default=1)
    arrival_time = models.TimeField(_("прибытие"))
    stay_minutes = models.PositiveSmallIntegerField(_("на месте, мин"))
    transfer_mode = models.CharField(
        _("как едем дальше"), max_length=10, choices=Transfer.choices, default=Transfer.COACH
    )
    transfer_minutes = models.PositiveSmallIntegerField(_("переезд к следующей, мин"), default=0)
    notes = models.TextField(_("заметки"), blank=True)

    @property
    def name(self) -> str:
        return self.enterprise.name if self.enterprise_id else self.place_name

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="stop_position_unique")
        ]


class RouteTransition(models.Model):
    """Who moved a route from one state to another, and when."""

    design = models.ForeignKey(RouteDesign, on_delete=models.CASCADE, related_name="transitions")
    version = models.ForeignKey(
        RouteDesignVersion, on_delete=models.PROTECT, null=True, related_name="+"
    )
    from_state = models.CharField(max_length=16, choices=RouteDesign.State.choices)
    to_state = models.CharField(max_length=16, choices=RouteDesign.State.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]


class Review(models.Model):
    """A mentor's review of one submitted version: private until it is published."""

    class Decision(models.TextChoices):
        RETURN = "return", _("вернуть на доработку")
        ACCEPT = "accept", _("принять")

    class Status(models.TextChoices):
        DRAFT = "draft", _("черновик рецензии")
        AWAITING_APPROVAL = "awaiting", _("ждёт проверки ведущим наставником")
        PUBLISHED = "published", _("опубликована")

    version = models.ForeignKey(
        RouteDesignVersion, on_delete=models.PROTECT, related_name="reviews"
    )
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # A draft may lack a decision, a comment or some criteria (no score then); publishing
    # needs them all (assessments.services.review_route).
    comment = models.TextField(_("комментарий"), blank=True)
    decision = models.CharField(_("решение"), max_length=10, choices=Decision.choices, blank=True)
    score = models.DecimalField(_("балл"), max_digits=4, decimal_places=1, null=True, blank=True)
    # A new review is a draft: only a service publishes one.
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    rubric_fingerprint = models.CharField(max_length=40, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "mentor"], name="one_review_per_version_and_mentor"
            )
        ]


class CriterionScore(models.Model):
    """A mark on one criterion, with the criterion as it stood when the review was made."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.SET_NULL, null=True, related_name="+")
    criterion_name = models.CharField(max_length=200)
    weight = models.PositiveSmallIntegerField()
    max_points = models.PositiveSmallIntegerField()
    points = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
