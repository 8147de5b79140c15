"""The living demo's peer stage: the running cohort's route assignment has peer review on
(two reviews a route, anonymous, the peer reviews carrying 20 % of the project score), the
admin opened it early for the routes already in, two teams have sent their reviews and a
member of a third has saved a draft. Through the services; every score, comment and reason
here is invented (demo values)."""

import datetime as dt

from assessments.models import PeerAllocation, PeerPhase
from assessments.services import move_peer_phase, save_peer_review_draft, submit_peer_review
from lms.models import Membership

# Invented: what two teams think of the routes they were given, as a share of each scale.
SENT = [
    (0.75, "Сильная логистика; добавьте запасной вариант обеда (демо)."),
    (0.5, "Интересный замысел, но плотный день и мало времени на переезды (демо)."),
]


def build_living_peer(demo, waiting) -> list:
    """Turn the peer stage on for the running cohort and leave it mid-way (see the module's
    docstring); `waiting`: the route the mentor has yet to review. Returns the reviews sent."""
    assignment = demo.assignment
    assignment.peer_review = True
    assignment.peer_reviews_per_route = 2
    assignment.peer_anonymous = True
    assignment.peer_review_closes = assignment.deadline + dt.timedelta(days=7)
    assignment.peer_score_weight = 20
    assignment.grading_grade_weight = 0
    assignment.full_clean()
    assignment.save_revision().publish()
    move_peer_phase(
        assignment=assignment,
        cohort=demo.cohort,
        phase=PeerPhase.PEER_REVIEW,
        by=demo.users["admin"],
        reason="Открыто досрочно для маршрутов, которые уже сданы (демо).",
    )
    criteria = list(assignment.rubric.criteria.order_by("sort_order", "pk"))
    rows = list(
        PeerAllocation.objects.filter(cohort=demo.cohort, superseded_at=None)
        .select_related("assignment", "cohort")
        .order_by("reviewer__name", "id")
    )
    captains = {
        m.team_id: m.user
        for m in Membership.objects.filter(cohort=demo.cohort, role=Membership.Role.CAPTAIN)
    }
    sent, seen = [], set()
    for row, (share, comment) in zip(
        [r for r in rows if r.design_id == waiting.pk], SENT, strict=False
    ):
        seen.add(row.reviewer_id)
        sent.append(
            submit_peer_review(
                allocation=row,
                captain=captains[row.reviewer_id],
                points={c.pk: round(c.max_points * share) for c in criteria},
                notes={criteria[0].pk: comment},
                comment=comment,
            )
        )
    drafting = next(
        (r for r in rows if r.reviewer_id not in seen and r.design_id != waiting.pk), None
    )
    if drafting is not None:
        member = (
            Membership.objects.filter(team_id=drafting.reviewer_id, role=Membership.Role.MEMBER)
            .order_by("id")
            .first()
        )
        save_peer_review_draft(
            allocation=drafting,
            author=member.user,
            points={criteria[0].pk: criteria[0].max_points - 1},
            notes={criteria[0].pk: "Черновик: проверить часы работы (демо)."},
            comment="",
        )
    return sent
