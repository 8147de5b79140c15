"""Builders for the peer stage: an assignment with peer review on, a third team, the
cohort moved into peer review, a team's review sent."""

from assessments.models import PeerAllocation, PeerPhase
from assessments.services import move_peer_phase, submit_peer_review
from lms.models import Membership, Region, Team
from lms.services import member_add, team_create, user_create
from tests.builders.routes import build_submitted_route, kuzbass_team_of


def peer_assignment(demo, **fields):
    """The demo's route assignment with peer review on (and `fields` set)."""
    assignment = demo.assignment
    assignment.peer_review = True
    for name, value in {"peer_reviews_per_route": 2, **fields}.items():
        setattr(assignment, name, value)
    assignment.full_clean()
    assignment.save()
    return assignment


def omsk_team_of(demo) -> Team:
    return Team.objects.get(cohort=demo.cohort, name="Команда Омской области")


def extra_team(demo, name="Команда Тюмени", region="Тюменская область") -> Team:
    """One more team of the demo cohort, with a captain and a member."""
    region, _ = Region.objects.get_or_create(name=region)
    team = team_create(cohort=demo.cohort, region=region, name=name, mentor=demo.users["mentor"])
    slug = str(team.pk)
    for role, first in ((Membership.Role.CAPTAIN, "Капитан"), (Membership.Role.MEMBER, "Участник")):
        user = user_create(
            email=f"team{slug}.{role}@demo.test",
            password=None,
            last_name=f"Команды{slug}",
            first_name=first,
        )
        member_add(team=team, user=user, role=role)
    return team


def peer_cohort(demo, *, teams=3, **fields):
    """Peer review on, `teams` teams with submitted routes, the cohort moved into peer review
    by the admin (which allocates). Returns the routes by team name."""
    peer_assignment(demo, **fields)
    all_teams = [kuzbass_team_of(demo), omsk_team_of(demo)]
    names = ["Команда Тюмени", "Команда Алтая", "Команда Урала"]
    for name in names[: max(0, teams - 2)]:
        all_teams.append(extra_team(demo, name=name, region=f"Регион {name}"))
    routes = {team.name: build_submitted_route(demo, team=team) for team in all_teams[:teams]}
    move_peer_phase(
        assignment=demo.assignment,
        cohort=demo.cohort,
        phase=PeerPhase.PEER_REVIEW,
        by=demo.users["admin"],
    )
    return routes


def allocation_of(reviewer: Team, design) -> PeerAllocation:
    return PeerAllocation.objects.get(reviewer=reviewer, design=design, superseded_at=None)


def send_peer_review(allocation, points: int | dict = 3, comment="Сильный маршрут."):
    criteria = list(allocation.assignment.rubric.criteria.order_by("sort_order", "pk"))
    if isinstance(points, int):
        points = {c.pk: points for c in criteria}
    captain = Membership.objects.get(team_id=allocation.reviewer_id, role="captain").user
    return submit_peer_review(
        allocation=allocation,
        captain=captain,
        points=points,
        notes={c.pk: f"Замечание к «{c.name}»" for c in criteria},
        comment=comment,
    )
