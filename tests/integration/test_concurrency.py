"""Two team members saving the same draft at the same moment, on PostgreSQL: one save wins,
the other is told it conflicts, and nothing either typed is silently lost."""

from functools import partial

import pytest
from django.db import transaction

from assessments.services import RouteConflict, draft_of, save_route_draft, start_route
from tests.builders.routes import kuzbass_stops, kuzbass_team_of
from tests.helpers import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("attempt", range(3))
def test_two_members_saving_one_draft_at_once_lose_no_update(attempt, demo):
    team = kuzbass_team_of(demo)
    design = start_route(team=team, assignment=demo.assignment)
    stops = kuzbass_stops(demo)
    people = {
        "captain": (demo.users["kuzbass_captain"], "Вариант капитана", stops),
        "member": (demo.users["kuzbass_member"], "Вариант участника", stops[:1]),
    }

    def save(who):
        user, title, chosen = people[who]
        try:
            with transaction.atomic():
                save_route_draft(
                    design=design,
                    user=user,
                    title=title,
                    narrative="",
                    stops=chosen,
                    lock_version=0,
                )
        except RouteConflict as conflict:
            return ("conflict", conflict.current.title)
        return "saved"

    outcome = dict(zip(people, at_once(*(partial(save, who) for who in people)), strict=True))
    winners = [who for who, result in outcome.items() if result == "saved"]
    assert len(winners) == 1, outcome
    winner = winners[0]
    loser = next(who for who in people if who != winner)
    # The loser learns what the winner saved (the studio keeps the loser's form as typed).
    assert outcome[loser] == ("conflict", people[winner][1])
    draft = draft_of(design)
    assert draft.title == people[winner][1]
    assert draft.lock_version == 1
    assert draft.stops.count() == len(people[winner][2])
    assert design.snapshots.count() == 1
