"""Two people changing one cohort's teams at the same moment: the cohort's lock keeps a team
within its size and with one captain."""

import pytest
from django.core.exceptions import ValidationError

from lms.models import Membership, Team
from lms.services import team_captain_change, team_member_move, user_create
from tests.helpers import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def attempt(call, **kwargs):
    def run():
        try:
            return call(**kwargs)
        except ValidationError as exc:
            return exc

    return run


def test_two_moves_into_the_last_place_of_a_team_let_one_in(demo):
    demo.cohort.max_team_size = 3
    demo.cohort.save()
    omsk = Team.objects.get(cohort=demo.cohort, name="Команда Омской области")
    admin = demo.users["admin"]
    results = at_once(
        attempt(
            team_member_move, user=demo.users["kuzbass_member"], to_team=omsk, by=admin, reason="a"
        ),
        attempt(
            team_member_move,
            user=demo.users["kuzbass_captain"],
            to_team=omsk,
            by=admin,
            reason="b",
            new_captain=demo.users["kuzbass_member"],
        ),
    )
    assert sorted(isinstance(r, ValidationError) for r in results) == [False, True]
    assert omsk.memberships.count() == 3


def test_two_captain_changes_at_once_leave_one_captain(demo):
    kuzbass = Team.objects.get(cohort=demo.cohort, name="Команда Кузбасса")
    extra = user_create(email="third@demo.test", password=None, last_name="Третья", first_name="Я")
    Membership.objects.create(team=kuzbass, cohort=demo.cohort, user=extra)
    admin = demo.users["admin"]
    at_once(
        attempt(
            team_captain_change,
            team=kuzbass,
            new_captain=demo.users["kuzbass_member"],
            by=admin,
            reason="a",
        ),
        attempt(team_captain_change, team=kuzbass, new_captain=extra, by=admin, reason="b"),
    )
    assert kuzbass.memberships.filter(role="captain").count() == 1
