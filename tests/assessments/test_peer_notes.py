"""Peer notes on contribution: written by teammates, read by the mentor."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from assessments.models import (
    PeerAssessment,
)
from assessments.services import (
    save_peer_assessment,
)
from tests.helpers import login


def test_peer_notes_are_for_teammates_and_shown_to_the_mentor(client, demo, submitted_route):
    captain, member = demo.users["kuzbass_captain"], demo.users["kuzbass_member"]
    save_peer_assessment(
        design=submitted_route,
        author=captain,
        about=member,
        contribution=40,
        comment="Собрал сметы",
    )
    save_peer_assessment(
        design=submitted_route,
        author=captain,
        about=member,
        contribution=45,
        comment="Собрал сметы и договорился с разрезом",
    )
    assert PeerAssessment.objects.get().contribution == 45
    with pytest.raises(PermissionDenied):
        save_peer_assessment(
            design=submitted_route,
            author=captain,
            about=demo.users["omsk_member"],
            contribution=10,
            comment="",
        )
    login(client, demo.users["mentor"])
    page = client.get(reverse("assessments:review", args=[submitted_route.id])).content.decode()
    assert "Собрал сметы и договорился с разрезом" in page
