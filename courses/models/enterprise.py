"""The enterprise catalogue: real sites that receive visitors."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

WEEKDAYS = [
    (0, _("пн")),
    (1, _("вт")),
    (2, _("ср")),
    (3, _("чт")),
    (4, _("пт")),
    (5, _("сб")),
    (6, _("вс")),
]


def validate_weekdays(value: str) -> None:
    try:
        days = [int(d) for d in value.split(",") if d.strip()]
    except ValueError:
        days = [-1]
    if not days or any(d < 0 or d > 6 for d in days):
        raise ValidationError(
            _("Дни приёма групп — номера дней недели через запятую, от 0 (пн) до 6 (вс).")
        )


def slot_times(value: str) -> tuple[int, ...]:
    """A site's fixed visit starts, «10:00, 14:30», as minutes after midnight, in order."""
    starts = set()
    for part in value.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        hours, _colon, minutes = part.partition(":")
        if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
            raise ValueError(part)
        hour, minute = int(hours), int(minutes)
        if hour > 23 or minute > 59:
            raise ValueError(part)
        starts.add(hour * 60 + minute)
    return tuple(sorted(starts))


def validate_slot_times(value: str) -> None:
    try:
        slot_times(value)
    except ValueError as exc:
        raise ValidationError(
            _("Время начала визитов — ЧЧ:ММ через запятую, например «10:00, 14:30»: «%(part)s».")
            % {"part": exc.args[0]}
        ) from None


class Enterprise(index.Indexed, models.Model):
    """A real site that receives visitors: what a route stop points to."""

    name = models.CharField(_("название"), max_length=200)
    legal_name = models.CharField(_("юридическое лицо"), max_length=255, blank=True)
    industry = models.CharField(_("отрасль"), max_length=120)
    region = models.ForeignKey(
        "lms.Region", verbose_name=_("регион"), on_delete=models.PROTECT, related_name="enterprises"
    )
    city = models.CharField(_("город"), max_length=120)
    address = models.CharField(_("адрес"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("широта"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("долгота"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    coordinates_source = models.CharField(
        _("источник координат"),
        max_length=255,
        blank=True,
        help_text=_("Откуда взята точка: название и адрес открытой страницы."),
    )
    coordinates_note = models.CharField(
        _("координаты: примечание"),
        max_length=255,
        blank=True,
        help_text=_(
            "Что стоит в этой точке (проходная, смотровая площадка) или почему она условная."
        ),
    )
    coordinates_are_demo_values = models.BooleanField(
        _("координаты — учебное значение"),
        default=True,
        help_text=_(
            "Отмечено, пока точка не подтверждена источником: переезды к площадке и от неё "
            "считаются по условной точке."
        ),
    )
    visitor_programme = models.TextField(_("что увидят гости"), blank=True)
    safety_rules = models.TextField(_("правила безопасности"), blank=True)
    open_days = models.CharField(
        _("дни приёма групп"),
        max_length=20,
        default="0,1,2,3,4",
        validators=[validate_weekdays],
        help_text=_("Номера дней недели через запятую: 0 — понедельник, 6 — воскресенье."),
    )
    opens_at = models.TimeField(_("приём групп с"), default="09:00")
    closes_at = models.TimeField(_("приём групп до"), default="17:00")
    open_on_holidays = models.BooleanField(
        _("принимает группы в праздники"),
        default=False,
        help_text=_(
            "Отметьте, если площадка работает в государственные праздники и перенесённые "
            "выходные; иначе такие дни — неприёмные."
        ),
    )
    min_age = models.PositiveSmallIntegerField(
        _("минимальный возраст"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    max_group_size = models.PositiveSmallIntegerField(
        _("наибольшая группа"), default=20, validators=[MinValueValidator(1)]
    )
    visitors_per_slot = models.PositiveSmallIntegerField(
        _("гостей одновременно"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Сколько человек предприятие принимает одновременно, всеми группами вместе. "
            "Пусто — одна группа за раз."
        ),
    )
    visit_slots = models.CharField(
        _("время начала визитов"),
        max_length=200,
        blank=True,
        validators=[validate_slot_times],
        help_text=_(
            "Если предприятие принимает группы только в установленное время — ЧЧ:ММ через "
            "запятую, например «10:00, 14:30». Пусто — в любое время в часы приёма."
        ),
    )
    booking_lead_days = models.PositiveSmallIntegerField(_("заявка заранее, дней"), default=14)
    ppe_required = models.CharField(_("СИЗ"), max_length=255, blank=True)
    photo_policy = models.CharField(_("фото- и видеосъёмка"), max_length=255, blank=True)
    documents_required = models.CharField(_("документы"), max_length=255, blank=True)
    offers_meals = models.BooleanField(
        _("обед для групп"),
        default=False,
        help_text=_(
            "Отмечайте, только если предприятие кормит группы (столовая, обед по заявке) "
            "и это сказано в открытом источнике или подтверждено предприятием."
        ),
    )
    meals_note = models.CharField(
        _("питание: условия и источник"),
        max_length=255,
        blank=True,
        help_text=_("Например: обед в заводской столовой по заявке; откуда это известно."),
    )
    contact = models.CharField(_("контакт"), max_length=255, blank=True)
    rules_source = models.CharField(
        _("источник правил приёма"),
        max_length=255,
        blank=True,
        help_text=_("Открытый источник правил, которые не отмечены как учебные значения."),
    )
    rules_are_demo_values = models.BooleanField(
        _("возраст, группа и срок заявки — учебные значения"),
        default=True,
        help_text=_("Отмечено, если возраст, размер группы и срок заявки не из открытых данных."),
    )
    hours_are_demo_values = models.BooleanField(
        _("дни и часы приёма — учебные значения"),
        default=True,
        help_text=_(
            "Отмечено, если дни недели, часы приёма и работа в праздники не из открытых данных."
        ),
    )
    safety_rules_are_demo_values = models.BooleanField(
        _("СИЗ, документы и съёмка — учебные значения"),
        default=True,
        help_text=_("Отмечено, если СИЗ, документы и правила съёмки не из открытых данных."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("legal_name"),
                FieldPanel("industry"),
                FieldPanel("region"),
            ],
            heading=_("Предприятие"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("city"),
                FieldPanel("address"),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
                FieldPanel("coordinates_source"),
                FieldPanel("coordinates_note"),
                FieldPanel("coordinates_are_demo_values"),
            ],
            heading=_("Где"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("visitor_programme"),
                FieldPanel("safety_rules"),
                FieldPanel("open_days"),
                FieldPanel("opens_at"),
                FieldPanel("closes_at"),
                FieldPanel("open_on_holidays"),
                FieldPanel("min_age"),
                FieldPanel("max_group_size"),
                FieldPanel("visit_slots"),
                FieldPanel("visitors_per_slot"),
                FieldPanel("booking_lead_days"),
                FieldPanel("ppe_required"),
                FieldPanel("photo_policy"),
                FieldPanel("documents_required"),
                FieldPanel("offers_meals"),
                FieldPanel("meals_note"),
                FieldPanel("contact"),
            ],
            heading=_("Приём групп"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("rules_source"),
                FieldPanel("hours_are_demo_values"),
                FieldPanel("rules_are_demo_values"),
                FieldPanel("safety_rules_are_demo_values"),
            ],
            heading=_("Откуда правила"),
            help_text=_(
                "Учебные значения помечаются на карточке предприятия и в сообщениях проверки "
                "маршрута."
            ),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("industry"),
        index.SearchField("city"),
        index.FilterField("region"),
    ]

    class Meta:
        verbose_name = _("предприятие")
        verbose_name_plural = _("предприятия")
        ordering = ["name"]

    @property
    def slot_starts(self) -> tuple[int, ...]:
        """The fixed visit starts in minutes after midnight; () when groups come any time."""
        try:
            return slot_times(self.visit_slots)
        except ValueError:  # validated on save; an old bad value fixes no time
            return ()

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("Время окончания приёма должно быть позже начала.")}
            )

    # Which demo flag covers each rule the route checker applies (its finding codes).
    DEMO_FLAG_OF_FINDING = {
        "closed_day": "hours_are_demo_values",
        "outside_hours": "hours_are_demo_values",
        "off_slot": "hours_are_demo_values",
        "group_too_large": "rules_are_demo_values",
        "too_young": "rules_are_demo_values",
        "booking_too_late": "rules_are_demo_values",
        "safety_item_open": "safety_rules_are_demo_values",
        "transfer_too_short": "coordinates_are_demo_values",
        "arrives_late": "coordinates_are_demo_values",
    }

    def visit_days_display(self) -> str:
        """The days groups are received, as short Russian names: «пн, вт, ср»."""
        names = dict(WEEKDAYS)
        days = sorted({int(d) for d in self.open_days.split(",") if d.strip().isdigit()})
        return ", ".join(str(names[d]) for d in days if d in names)

    def rule_is_demo_value(self, finding_code: str) -> bool:
        """Whether the rule behind a checker's finding of this code is a demo value here."""
        flag = self.DEMO_FLAG_OF_FINDING.get(finding_code)
        return bool(flag and getattr(self, flag))

    def __str__(self) -> str:
        return f"{self.name} ({self.city})"
