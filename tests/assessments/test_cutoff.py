"""A hard cut-off: days after the team's deadline, by the clock of the assignment's zone;
after it submitting is refused, and a team's extension moves its own cut-off."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from assessments.services import extend_deadline, submit_route
from lms.models import Team
from tests.builders.routes import build_draft_route, captain_of, studio_post
from tests.helpers import login

KUZBASS = ZoneInfo("Asia/Novokuznetsk")  # UTC+7


def kuzbass_time(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=KUZBASS)


@pytest.fixture
def closes_two_days_late(demo):
    """The deadline 20 December 18:00 in Kemerovo; submissions close two days after it."""
    assignment = demo.assignment
    assignment.time_zone = "Asia/Novokuznetsk"
    assignment.deadline = kuzbass_time(2026, 12, 20, 18, 0)
    assignment.cutoff_days = 2
    assignment.save()
    return assignment


def test_the_cutoff_is_days_after_the_deadline_at_the_same_local_time(demo, closes_two_days_late):
    design = build_draft_route(demo)
    assert design.cutoff == kuzbass_time(2026, 12, 22, 18, 0)
    assert design.cutoff.utcoffset() == dt.timedelta(hours=7)
    assert design.cutoff == dt.datetime(2026, 12, 22, 11, 0, tzinfo=dt.UTC)


def test_a_version_before_the_cutoff_is_accepted_and_marked_late(demo, closes_two_days_late):
    design = build_draft_route(demo)
    with time_machine.travel(kuzbass_time(2026, 12, 22, 17, 59), tick=False):
        version = submit_route(design=design, user=captain_of(design))
    version.refresh_from_db()
    assert version.submitted_at == kuzbass_time(2026, 12, 22, 17, 59)
    assert version.is_late
    assert version.late_by == dt.timedelta(days=1, hours=23, minutes=59)


def test_submitting_after_the_cutoff_is_refused_with_the_local_time(demo, closes_two_days_late):
    design = build_draft_route(demo)
    with time_machine.travel(kuzbass_time(2026, 12, 22, 18, 1), tick=False):
        with pytest.raises(ValidationError) as refused:
            submit_route(design=design, user=captain_of(design))
    assert refused.value.messages == [
        "Приём работ закрыт 22 декабря 2026, 18:00 (Asia/Novokuznetsk): после этого маршрут "
        "отправить нельзя. Если нужна отсрочка, обратитесь к администратору программы."
    ]
    assert not design.versions.filter(submitted_at__isnull=False).exists()


def test_an_extension_moves_the_teams_own_cutoff(demo, closes_two_days_late):
    design = build_draft_route(demo)
    omsk = build_draft_route(demo, team=Team.objects.get(name="Команда Омской области"))
    with time_machine.travel(kuzbass_time(2026, 12, 21, 10, 0), tick=False):
        extend_deadline(
            team=design.team,
            assignment=design.assignment,
            until=kuzbass_time(2026, 12, 24, 12, 0),
            by=demo.users["admin"],
        )
    design.refresh_from_db()
    # Past the general cut-off, so the team's closes two days after its own deadline.
    assert design.cutoff == kuzbass_time(2026, 12, 26, 12, 0)
    with time_machine.travel(kuzbass_time(2026, 12, 25, 9, 0), tick=False):
        version = submit_route(design=design, user=captain_of(design))
        with pytest.raises(ValidationError, match="22 декабря 2026, 18:00"):
            submit_route(design=omsk, user=captain_of(omsk))
    version.refresh_from_db()
    assert version.is_late and version.late_by == dt.timedelta(hours=21)


def test_the_studio_shows_the_cutoff_and_explains_once_it_has_passed(
    client, demo, closes_two_days_late
):
    design = build_draft_route(demo)
    url = reverse("assessments:studio", args=[design.id])
    with time_machine.travel(kuzbass_time(2026, 12, 21, 9, 0), tick=False):
        login(client, captain_of(design))
        page = client.get(url).content.decode()
    assert "приём закрывается 22 декабря 2026, 18:00 (Asia/Novokuznetsk)" in page
    assert 'name="submit"' in page and 'id="submission-closed"' not in page
    with time_machine.travel(kuzbass_time(2026, 12, 23, 9, 0), tick=False):
        login(client, captain_of(design))
        page = client.get(url).content.decode()
        draft = design.versions.get(number=1)
        stops = [(s.enterprise, "10:00" if s.position == 1 else "12:10") for s in draft.stops.all()]
        answer = client.post(url, studio_post(design, draft, stops[:2], submit="1"), follow=True)
    assert 'id="submission-closed"' in page and "Приём работ закрыт" in page
    assert 'name="submit"' not in page
    # A submission posted anyway (an old tab) is refused with the reason; the draft is kept.
    assert (
        "Приём работ закрыт 22 декабря 2026, 18:00 (Asia/Novokuznetsk)" in answer.content.decode()
    )
    assert not design.versions.filter(submitted_at__isnull=False).exists()
    assert design.versions.get(number=1).title == "Маршрут из формы"


def test_the_refusal_and_the_studio_read_in_english(client, demo, closes_two_days_late):
    design = build_draft_route(demo)
    with time_machine.travel(kuzbass_time(2026, 12, 23, 9, 0), tick=False):
        login(client, captain_of(design))
        client.cookies["django_language"] = "en"
        page = client.get(reverse("assessments:studio", args=[design.id])).content.decode()
        with translation.override("en"), pytest.raises(ValidationError) as refused:
            submit_route(design=design, user=captain_of(design))
    assert "submissions close 22 December 2026, 18:00 (Asia/Novokuznetsk)" in page
    assert "Submissions are closed: the route can no longer be sent to the mentor." in page
    assert refused.value.messages[0].startswith(
        "Submissions closed on 22 December 2026, 18:00 (Asia/Novokuznetsk)"
    )


def test_the_brief_shows_the_teams_cutoff_before_it_starts(client, demo, closes_two_days_late):
    team = Team.objects.get(name="Команда Кузбасса")
    with time_machine.travel(kuzbass_time(2026, 12, 21, 10, 0), tick=False):
        extend_deadline(
            team=team,
            assignment=demo.assignment,
            until=kuzbass_time(2026, 12, 24, 12, 0),
            by=demo.users["admin"],
        )
        login(client, demo.users["kuzbass_member"])
        page = client.get(demo.assignment.url).content.decode()
    assert "приём закрывается 26 декабря 2026, 12:00 (Asia/Novokuznetsk)" in page
