"""Contribution notes: open from a version's submission to its review's publication, every
member asked, kept as history, aggregated WebPA-style into a factor the mentor sees beside a
suggested score (applied only when the mentor saves it)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assessments.contribution import suggested_score, webpa_factors
from assessments.models import GradeAdjustment, PeerAssessment, Review
from assessments.services import review_route, save_peer_assessment, start_route
from core.models import Notification
from tests.builders.routes import first_version, points
from tests.helpers import login


def note(design, author, about, contribution, comment=""):
    return save_peer_assessment(
        design=design, author=author, about=about, contribution=contribution, comment=comment
    )


def test_webpa_normalises_each_raters_marks_and_corrects_for_who_rated():
    # A rates generously, B strictly: both say A did twice as much as B.
    factors = webpa_factors([1, 2], {(1, 1): 80, (1, 2): 40, (2, 1): 20, (2, 2): 10})
    assert factors == {1: Decimal("1.33"), 2: Decimal("0.67")}
    # Only A rated: their fractions are scaled by team size over raters (2 / 1).
    assert webpa_factors([1, 2], {(1, 1): 50, (1, 2): 50}) == {1: Decimal(1), 2: Decimal(1)}
    # Nobody rated (or only zeros, or outsiders): no factor at all, not an even share.
    assert webpa_factors([1, 2], {(1, 1): 0, (3, 1): 90}) == {1: None, 2: None}
    assert suggested_score(Decimal(75), Decimal("1.33")) == Decimal("99.8")
    assert suggested_score(Decimal(90), Decimal("1.33")) == Decimal(100)
    assert suggested_score(None, Decimal(1)) is None


def test_notes_open_at_submission_and_every_member_is_asked(demo, kuzbass_team, submitted_route):
    captain, member = demo.users["kuzbass_captain"], demo.users["kuzbass_member"]
    asked = Notification.objects.filter(kind="contribution_requested")
    assert set(asked.values_list("user", flat=True)) == {captain.pk, member.pk}
    assert f"/routes/{submitted_route.pk}/#contribution" in asked.first().url

    with pytest.raises(PermissionDenied):
        note(submitted_route, captain, demo.users["omsk_member"], 10)
    with pytest.raises(ValidationError):
        note(submitted_route, captain, member, 140)


def test_notes_are_closed_before_submission(demo):
    omsk_captain = demo.users["omsk_captain"]
    team = omsk_captain.memberships.get().team
    design = start_route(team=team, assignment=demo.assignment)
    with pytest.raises(ValidationError, match="закрыта"):
        note(design, omsk_captain, omsk_captain, 50)


def test_every_change_is_a_row_and_publication_freezes_them(demo, submitted_route):
    captain, member = demo.users["kuzbass_captain"], demo.users["kuzbass_member"]
    note(submitted_route, captain, member, 40, "Собрал сметы")
    note(submitted_route, captain, member, 45, "Собрал сметы и договорился с разрезом")
    rows = PeerAssessment.objects.filter(author=captain, about=member)
    assert list(rows.values_list("contribution", flat=True)) == [40, 45]
    assert {row.version_id for row in rows} == {first_version(submitted_route).pk}

    review_route(
        version=first_version(submitted_route),
        mentor=demo.users["mentor"],
        points=points(submitted_route),
        comment="Вернём на доработку",
        decision=Review.Decision.RETURN,
    )
    with pytest.raises(ValidationError, match="закрыта"):
        note(submitted_route, member, captain, 60)
    assert rows.count() == 2


def test_mentor_sees_who_answered_the_factor_and_a_suggestion_never_applied(
    client, demo, submitted_route
):
    captain, member = demo.users["kuzbass_captain"], demo.users["kuzbass_member"]
    note(submitted_route, captain, captain, 60)
    note(submitted_route, captain, member, 20, "Мало участвовал")
    version = first_version(submitted_route)
    review_route(
        version=version,
        mentor=demo.users["mentor"],
        points=points(submitted_route),  # 75 for the team
        comment="",
        decision="",
        publish=False,
    )
    login(client, demo.users["mentor"])
    page = client.get(reverse("assessments:review", args=[submitted_route.id])).content.decode()
    captain_row = page[page.index(f'data-member="{captain.email}"') :].split("</tr>")[0]
    member_row = page[page.index(f'data-member="{member.email}"') :].split("</tr>")[0]
    # The captain rated everyone, the member nobody; 60/80 of the marks × 2 members = 1.50.
    assert "да" in captain_row and "нет" in member_row
    assert "1,50" in captain_row and "<td>100 · " in captain_row
    assert "0,50" in member_row and "37,5" in member_row
    assert "Мало участвовал" in page
    assert f"member={member.pk}&amp;score=37.5" in member_row
    assert not GradeAdjustment.objects.exists()

    # The admin sees the notes too; another team's learner sees nothing.
    login(client, demo.users["admin"])
    assert (
        "Мало участвовал"
        in client.get(reverse("assessments:review", args=[submitted_route.id])).content.decode()
    )


def test_the_studio_shows_the_window_and_keeps_the_notes_frozen_after_it(
    client, demo, submitted_route
):
    captain, member = demo.users["kuzbass_captain"], demo.users["kuzbass_member"]
    login(client, captain)
    studio = reverse("assessments:studio", args=[submitted_route.id])
    client.post(
        reverse("assessments:peer_note", args=[submitted_route.id]),
        {"about": member.pk, "contribution": "35", "comment": "Сметы"},
    )
    assert 'name="contribution"' in client.get(studio).content.decode()
    review_route(
        version=first_version(submitted_route),
        mentor=demo.users["mentor"],
        points=points(submitted_route),
        comment="Вернём",
        decision=Review.Decision.RETURN,
    )
    page = client.get(studio).content.decode()
    assert 'name="contribution"' not in page
    assert "Оценка вклада закрыта" in page and "35\u00a0%" in page


@pytest.mark.parametrize(
    ("contribution", "message"),
    [("много", "Вклад — целое число от 0 до 100."), ("140", "от 0 до 100")],
)
def test_a_refused_note_comes_back_as_typed_with_its_reason(
    client, demo, submitted_route, contribution, message
):
    captain, member = demo.users["kuzbass_captain"], demo.users["kuzbass_member"]
    login(client, captain)
    response = client.post(
        reverse("assessments:peer_note", args=[submitted_route.id]),
        {"about": member.pk, "contribution": contribution, "comment": "Сметы и договор с АО"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    form = page.split(f'name="about" value="{member.pk}"', 1)[1].split("</form>", 1)[0]
    assert f'value="{contribution}"' in form and 'value="Сметы и договор с АО"' in form
    assert "Оценка вклада не сохранена:" in form and message in form
    assert not first_version(submitted_route).peer_notes.exists()
