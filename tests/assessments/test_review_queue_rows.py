"""The review queue's rows, worked out in the selector rather than the template: the link to
each review and the times, printed exactly as Django's date filter prints them (both by the
clock of the assignment's zone, named), in Russian and in English."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import formats, translation

from assessments.models import RouteDesign
from tests.helpers import login

KUZBASS = zoneinfo.ZoneInfo("Asia/Novokuznetsk")


def as_the_date_filter(value: dt.datetime) -> str:
    return formats.date_format(value, "j E, H:i")


@pytest.mark.parametrize("language", ["ru", "en"])
def test_queue_rows_print_times_as_the_date_filter_would(client, demo, submitted_route, language):
    assignment = demo.assignment
    assignment.time_zone = "Asia/Novokuznetsk"
    # 23:05 in Moscow is 03:05 the next day (and month) in Kuzbass: a zone applied twice, or
    # not at all, shows.
    assignment.deadline = dt.datetime(2026, 11, 30, 20, 5, tzinfo=dt.UTC)
    assignment.save_revision().publish()
    sent = dt.datetime(2026, 3, 9, 6, 7, tzinfo=dt.UTC)
    RouteDesign.objects.filter(pk=submitted_route.pk).update(updated_at=sent)
    login(client, demo.users["mentor"])
    client.cookies["django_language"] = language
    page = client.get(reverse("assessments:review_queue")).content.decode()
    with translation.override(language):
        due = as_the_date_filter(assignment.deadline.astimezone(KUZBASS))
        sent_label = as_the_date_filter(sent.astimezone(KUZBASS))
        review = reverse("assessments:review", args=[submitted_route.id])
    zone = '<span class="meta">(Asia/Novokuznetsk)</span>'
    assert f"<td>{sent_label} {zone}</td><td>{due} {zone}</td>" in page
    assert f'href="{review}"' in page
    assert ("1 декабря, 03:05" if language == "ru" else "1 December, 03:05") == due


def test_every_month_is_named_as_the_date_filter_names_it():
    from assessments.selectors import _day_month_time

    for language in ("ru", "en"):
        with translation.override(language):
            months = {}
            for month in range(1, 13):
                value = dt.datetime(2026, month, 3 + month, month, 4 * month, tzinfo=KUZBASS)
                assert _day_month_time(value, months) == as_the_date_filter(value)
