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
    rules_are_demo_values = models.BooleanField(
        _("правила приёма — учебные значения"),
        default=True,
        help_text=_("Отмечено, если возраст, размер группы и срок заявки не из открытых данных."),
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
                FieldPanel("visitors_per_slot"),
                FieldPanel("booking_lead_days"),
                FieldPanel("ppe_required"),
                FieldPanel("photo_policy"),
                FieldPanel("documents_required"),
                FieldPanel("offers_meals"),
                FieldPanel("meals_note"),
                FieldPanel("contact"),
                FieldPanel("rules_are_demo_values"),
            ],
            heading=_("Приём групп"),
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

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("Время окончания приёма должно быть позже начала.")}
            )

    def __str__(self) -> str:
        return f"{self.name} ({self.city})"
