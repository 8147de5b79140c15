"""Site bookings: requested when a route is submitted, decided by an admin, released when the
route is returned. Every change of state is recorded as a SiteBookingChange row."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.notifications import notify
from lms.roles import CERTIFICATE_ADMIN, has_role

from .. import feasibility
from ..models import RouteDesign, RouteDesignVersion, SiteBooking, SiteBookingChange

NOTE_MAX_LENGTH = 500


def _change(booking: SiteBooking, from_state: str, by, note: str = "", at=None) -> None:
    SiteBookingChange.objects.create(
        booking=booking,
        from_state=from_state,
        to_state=booking.state,
        note=note,
        by=by,
        at=at or timezone.now(),
    )


def request_bookings(*, version: RouteDesignVersion, stops, by) -> list[SiteBooking]:
    """Ask each enterprise of a submitted version for its slot (a dated route only); called
    inside submit_route's transaction. The design's earlier requests are released first."""
    design = version.design
    release_bookings(design=design, by=by, note=_("Отправлена новая версия маршрута."))
    if version.start_date is None:
        return []
    group = version.group_size or 1
    bookings = SiteBooking.objects.bulk_create(
        SiteBooking(
            enterprise_id=stop.enterprise_id,
            design=design,
            version=version,
            team_id=design.team_id,
            stop_key=stop.key,
            on=version.start_date + timedelta(days=(stop.day or 1) - 1),
            arrival=stop.arrival_time,
            stay_minutes=stop.stay_minutes,
            group_size=group,
        )
        for stop in stops
        if stop.enterprise_id
    )
    now = timezone.now()
    SiteBookingChange.objects.bulk_create(
        SiteBookingChange(booking=b, to_state=b.state, by=by, at=now) for b in bookings
    )
    return bookings


def release_bookings(*, design: RouteDesign, by, note: str = "") -> int:
    """Free the places a route holds (its requests and confirmed visits): a returned or
    withdrawn route. Returns how many were released."""
    held = list(
        SiteBooking.objects.select_for_update().filter(design=design, state__in=SiteBooking.HOLDING)
    )
    now = timezone.now()
    changes = []
    for booking in held:
        changes.append(
            SiteBookingChange(
                booking=booking,
                from_state=booking.state,
                to_state=SiteBooking.State.RELEASED,
                note=note,
                by=by,
                at=now,
            )
        )
    SiteBooking.objects.filter(pk__in=[b.pk for b in held]).update(state=SiteBooking.State.RELEASED)
    SiteBookingChange.objects.bulk_create(changes)
    return len(held)


def _confirmed_crowd(booking: SiteBooking) -> list[feasibility.Booking]:
    """Confirmed visits the site could not take together with this one."""
    others = [
        feasibility.Booking(
            site_key="",
            on=other.on,
            start_minute=other.start_minute,
            end_minute=other.end_minute,
            team=other.team.name,
            group_size=other.group_size,
            confirmed=True,
        )
        for other in SiteBooking.objects.filter(
            enterprise_id=booking.enterprise_id,
            on=booking.on,
            state=SiteBooking.State.CONFIRMED,
        )
        .exclude(pk=booking.pk)
        .select_related("team")
    ]
    crowd, _all = feasibility.slot_overload(
        booking.start_minute,
        booking.end_minute,
        booking.group_size,
        others,
        booking.enterprise.visitors_per_slot,
    )
    return crowd


@transaction.atomic
def decide_booking(*, booking: SiteBooking, by, confirm: bool, note: str = "") -> SiteBooking:
    """An admin confirms or declines a team's request (a decline needs a reason); the team
    is notified. A confirmation the site cannot take beside the visits it already confirmed
    is refused."""
    if not has_role(by, CERTIFICATE_ADMIN):
        raise PermissionDenied("only admins decide bookings")
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(_("Комментарий длиннее %(n)s знаков.") % {"n": NOTE_MAX_LENGTH})
    booking = (
        SiteBooking.objects.select_for_update()
        .select_related("enterprise", "team", "design")
        .get(pk=booking.pk)
    )
    if booking.state != SiteBooking.State.REQUESTED:
        raise ValidationError(_("Эта заявка уже рассмотрена или снята."))
    if not confirm and not note:
        raise ValidationError(_("Укажите, почему заявка отклонена."))
    if confirm:
        crowd = _confirmed_crowd(booking)
        if crowd:
            raise ValidationError(
                _(
                    "На это время предприятие уже подтвердило визиты (%(teams)s): "
                    "вместе с этой группой оно их не примет."
                )
                % {"teams": feasibility.team_names(crowd)}
            )
    previous = booking.state
    booking.state = SiteBooking.State.CONFIRMED if confirm else SiteBooking.State.DECLINED
    booking.note = note
    booking.decided_by = by
    booking.decided_at = timezone.now()
    booking.save(update_fields=["state", "note", "decided_by", "decided_at"])
    _change(booking, previous, by, note, booking.decided_at)
    notify(
        [m.user for m in booking.team.memberships.select_related("user")],
        template="booking_decided",
        kind=f"booking_{booking.state}",
        context={"booking": booking},
        url=f"/routes/{booking.design_id}/#bookings",
    )
    return booking
