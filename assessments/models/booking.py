"""Site bookings: a submitted route asks each enterprise for a slot; an admin confirms or
declines it; a returned route frees it. Each change of state is a row of its own."""

import datetime as dt

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .route import RouteDesign, RouteDesignVersion


class SiteBooking(models.Model):
    """One team's visit to one enterprise on one day, asked for when the route is submitted."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("заявка")
        CONFIRMED = "confirmed", _("подтверждено")
        DECLINED = "declined", _("отклонено")
        RELEASED = "released", _("снято")

    # The states that hold a place at the site (the clash check counts them).
    HOLDING = (State.REQUESTED, State.CONFIRMED)

    enterprise = models.ForeignKey(
        "courses.Enterprise", on_delete=models.PROTECT, related_name="bookings"
    )
    design = models.ForeignKey(RouteDesign, on_delete=models.CASCADE, related_name="bookings")
    version = models.ForeignKey(
        RouteDesignVersion, on_delete=models.CASCADE, related_name="bookings"
    )
    team = models.ForeignKey("lms.Team", on_delete=models.CASCADE, related_name="bookings")
    stop_key = models.UUIDField()  # the RouteStop the visit comes from (stable across versions)
    on = models.DateField(_("дата"))
    arrival = models.TimeField(_("прибытие"))
    stay_minutes = models.PositiveSmallIntegerField(_("на месте, мин"))
    group_size = models.PositiveSmallIntegerField(_("группа"), validators=[MinValueValidator(1)])
    state = models.CharField(
        _("состояние"), max_length=16, choices=State.choices, default=State.REQUESTED
    )
    note = models.TextField(_("комментарий"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("заявка на посещение")
        verbose_name_plural = _("заявки на посещение")
        ordering = ["on", "arrival", "id"]
        indexes = [models.Index(fields=["enterprise", "on", "state"])]

    def __str__(self) -> str:
        return f"{self.team}: {self.enterprise} {self.on} {self.arrival:%H:%M}"

    @property
    def start_minute(self) -> int:
        return self.arrival.hour * 60 + self.arrival.minute

    @property
    def end_minute(self) -> int:
        return self.start_minute + self.stay_minutes

    @property
    def end_time(self) -> dt.time:
        minute = min(self.end_minute, 24 * 60 - 1)
        return dt.time(minute // 60, minute % 60)


class SiteBookingChange(models.Model):
    """A booking's change of state: who, when, why. The booking row shows the latest."""

    booking = models.ForeignKey(SiteBooking, on_delete=models.CASCADE, related_name="changes")
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16, choices=SiteBooking.State.choices)
    note = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
