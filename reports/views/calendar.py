"""A person's calendar: the month and week pages, the settings of their secret iCal address,
and the feed itself (public by its secret, rate-limited like the other public pages)."""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.calendar import events_for
from core.ratelimit import rate_limited

from .. import calendar, ical
from ..models import CalendarFeed
from ..services import create_calendar_feed, open_calendar_feed, revoke_calendar_feed

# Per client address: calendar services fetch every subscriber's feed from a few addresses of
# their own (Google's, Yandex's), so the limit is wide; a key is 256 random bits, no guess.
FEED_PER_MINUTE = 120
# What the feed carries: recent events and the year ahead.
FEED_PAST = dt.timedelta(days=60)
FEED_AHEAD = dt.timedelta(days=400)
# The address is shown once, on the page the creation redirects to.
NEW_ADDRESS = "calendar_feed_address"


def _bad_date(request, message: str):
    return render(request, "reports/calendar_bad_date.html", {"message": message}, status=400)


@login_required
def month(request):
    today = timezone.localdate()
    text = request.GET.get("month", "")
    first = calendar.parse_month(text) if text else today.replace(day=1)
    if first is None:
        return _bad_date(
            request, _("Месяц указывается так: 2026-12 (год и месяц), от 2000 до 2100 года.")
        )
    start, end = calendar.month_span(first)
    events = events_for(request.user, *calendar.window(start, end))
    return render(
        request,
        "reports/calendar_month.html",
        {
            "first": first,
            "weeks": calendar.month_weeks(first, events, today),
            "previous": calendar.previous_month(first),
            "next": calendar.next_month(first),
            "today": today,
            "has_events": bool(events),
        },
    )


@login_required
def week(request):
    today = timezone.localdate()
    text = request.GET.get("week", "")
    monday = calendar.parse_week(text) if text else calendar.parse_week(today.isoformat())
    if monday is None:
        return _bad_date(
            request, _("Неделя указывается датой любого её дня: 2026-12-07, от 2000 до 2100 года.")
        )
    sunday = monday + 6 * calendar.DAY
    events = events_for(request.user, *calendar.window(monday, sunday))
    return render(
        request,
        "reports/calendar_week.html",
        {
            "monday": monday,
            "sunday": sunday,
            "days": calendar.week_days(monday, events, today),
            "previous": monday - calendar.WEEK,
            "next": monday + calendar.WEEK,
            "today": today,
        },
    )


@never_cache
@login_required
def feed_settings(request):
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "create":
            _feed, key = create_calendar_feed(user=request.user)
            request.session[NEW_ADDRESS] = request.build_absolute_uri(
                reverse("calendar_feed", args=[key])
            )
            messages.success(
                request, _("Новый адрес календаря создан; прежний больше не работает.")
            )
        elif action == "revoke":
            if revoke_calendar_feed(user=request.user):
                messages.success(request, _("Адрес календаря отозван: по нему больше ничего нет."))
            else:
                messages.info(request, _("Действующего адреса календаря нет."))
        else:
            return render(
                request,
                "reports/calendar_feed.html",
                {
                    **_feed_context(request),
                    "error": _("Выберите действие: создать адрес или отозвать его."),
                },
                status=400,
            )
        return redirect("calendar_feed_settings")
    return render(request, "reports/calendar_feed.html", _feed_context(request))


def _feed_context(request) -> dict:
    return {
        "live": CalendarFeed.objects.filter(user=request.user, revoked_at__isnull=True).first(),
        "address": request.session.pop(NEW_ADDRESS, None),
        "revoked": CalendarFeed.objects.filter(user=request.user, revoked_at__isnull=False)[:5],
    }


@require_safe
@rate_limited("calendar_feed", per_minute=FEED_PER_MINUTE)
def feed(request, key: str):
    opened = open_calendar_feed(key=key)
    if opened is None:
        raise Http404("no such calendar")
    owner = opened.user
    domain = urlsplit(settings.SITE_URL).hostname or request.get_host()
    now = timezone.now()
    language = owner.language or settings.LANGUAGE_CODE
    with translation.override(language):
        body = ical.feed(
            events_for(owner, now - FEED_PAST, now + FEED_AHEAD),
            name=_("Промтуризм.Академия: мой календарь"),
            calendar_uid=f"calendar-feed-{opened.pk}@{domain}",
            language=language,
            uid_domain=domain,
            absolute=request.build_absolute_uri,
            now=now,
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    # The address is the secret: no shared cache may keep it.
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response
