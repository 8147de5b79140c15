"""A captain withdraws a submitted route: it is a draft again, the version stays in the
history marked withdrawn with the reason, its site requests and confirmed visits are freed,
contribution notes close and the mentor is told. Refusals keep the typed reason."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assessments.models import Review, RouteDesign, RouteTransition
from assessments.route_findings import findings_for_version
from assessments.selectors import contribution_version
from assessments.services import (
    decide_booking,
    draft_of,
    review_route,
    submit_route,
    withdraw_route,
)
from core.models import Notification
from tests.builders.bookings import booking_at, dated_draft, dated_submitted, team_of_another_cohort
from tests.builders.routes import captain_of, kuzbass_team_of, points


@pytest.fixture
def azot(demo):
    site = demo.enterprises["КАО «Азот»"]
    site.visitors_per_slot = 30
    site.save()
    return site


def test_withdrawing_frees_the_sites_and_makes_the_route_a_draft_again(demo, azot):
    ours = dated_submitted(demo, kuzbass_team_of(demo), group_size=20)
    decide_booking(booking=booking_at(ours, azot), by=demo.users["admin"], confirm=True)
    theirs = dated_draft(demo, team_of_another_cohort(demo), group_size=20)
    assert ("error", "clash_booked") in {
        (f["severity"], f["code"]) for f in findings_for_version(draft_of(theirs))
    }
    captain = captain_of(ours)

    version = withdraw_route(design=ours, user=captain, reason="Меняем дату визита")

    ours.refresh_from_db()
    assert ours.state == RouteDesign.State.DRAFT
    assert (version.withdrawn_by, version.withdraw_reason) == (captain, "Меняем дату визита")
    assert set(ours.bookings.values_list("state", flat=True)) == {"released"}
    change = ours.bookings.get(enterprise=azot).changes.last()
    assert (change.from_state, change.to_state) == ("confirmed", "released")
    assert "Меняем дату визита" in change.note
    assert not [f for f in findings_for_version(draft_of(theirs)) if f["code"].startswith("clash")]
    assert contribution_version(ours) is None
    last = RouteTransition.objects.filter(design=ours).last()
    assert (last.from_state, last.to_state, last.actor) == ("submitted", "draft", captain)
    told = Notification.objects.get(user=demo.users["mentor"], kind="route_withdrawn")
    assert "Меняем дату визита" in told.body

    # The team carries on from its draft and submits again: new requests, a new version.
    submit_route(design=ours, user=captain)
    ours.refresh_from_db()
    assert ours.state == RouteDesign.State.SUBMITTED
    assert ours.bookings.filter(state="requested").count() == 2
    assert contribution_version(ours).number == version.number + 1


def test_only_the_captain_withdraws_with_a_reason_before_the_review_is_out(demo):
    design = dated_submitted(demo, kuzbass_team_of(demo))
    member = next(
        m.user for m in design.team.memberships.select_related("user") if m.role != "captain"
    )
    with pytest.raises(PermissionDenied):
        withdraw_route(design=design, user=member, reason="Хотим ещё поправить")
    with pytest.raises(ValidationError, match="почему"):
        withdraw_route(design=design, user=captain_of(design), reason="   ")
    review_route(
        version=design.versions.filter(submitted_at__isnull=False).latest("number"),
        mentor=demo.users["mentor"],
        points=points(design),
        comment="Принято.",
        decision=Review.Decision.ACCEPT,
    )
    with pytest.raises(ValidationError, match="ждёт проверки"):
        withdraw_route(design=design, user=captain_of(design), reason="Поздно")


def test_a_refused_withdrawal_keeps_the_typed_reason_and_answers_400(demo, client):
    design = dated_submitted(demo, kuzbass_team_of(demo))
    client.force_login(captain_of(design))
    url = reverse("assessments:withdraw", args=[design.pk])
    too_long = "причина " * 80
    response = client.post(url, {"reason": too_long})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Маршрут не отозван:" in page and too_long.strip() in page
    design.refresh_from_db()
    assert design.state == RouteDesign.State.SUBMITTED

    response = client.post(url, {"reason": "Меняем состав площадок"}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "отозвана" in page and "Меняем состав площадок" in page
    design.refresh_from_db()
    assert design.state == RouteDesign.State.DRAFT
