"""Who in a cohort may receive a certificate, and what each still lacks."""

from dataclasses import dataclass, field

from django.db.models import Count

from assessments.models import RouteAssignmentPage, RouteDesign
from courses.models import Enrollment, LessonProgress
from courses.selectors import program_lessons
from lms.models import Membership

from .models import Certificate


@dataclass
class Eligibility:
    user: object
    team: object | None
    lessons_done: int
    lessons_total: int
    routes_accepted: int
    routes_total: int
    certificate: Certificate | None = None
    lacks: list[str] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return not self.lacks


def cohort_eligibility(cohort, *, only_user=None) -> list[Eligibility]:
    """One row per enrolled learner (or just `only_user`), in a fixed number of queries."""
    from django.utils.translation import gettext as _

    program = cohort.program
    lesson_ids = list(program_lessons(program).values_list("id", flat=True))
    assignment_ids = list(
        RouteAssignmentPage.objects.live().descendant_of(program).values_list("id", flat=True)
    )
    enrollments = Enrollment.objects.filter(cohort=cohort)
    if only_user is not None:
        enrollments = enrollments.filter(user=only_user)
    learners = [
        e.user
        for e in enrollments.select_related("user").order_by("user__last_name", "user__first_name")
    ]
    done = dict(
        LessonProgress.objects.filter(user__in=learners, lesson_id__in=lesson_ids)
        .values_list("user_id")
        .annotate(n=Count("id"))
        .values_list("user_id", "n")
    )
    teams = {
        m.user_id: m.team
        for m in Membership.objects.filter(cohort=cohort).select_related("team__region")
    }
    accepted = dict(
        RouteDesign.objects.filter(
            team__cohort=cohort,
            assignment_id__in=assignment_ids,
            state=RouteDesign.State.ACCEPTED,
        )
        .values_list("team_id")
        .annotate(n=Count("id"))
        .values_list("team_id", "n")
    )
    certificates = {c.holder_id: c for c in Certificate.objects.filter(cohort=cohort)}
    rows = []
    for user in learners:
        team = teams.get(user.id)
        row = Eligibility(
            user=user,
            team=team,
            lessons_done=done.get(user.id, 0),
            lessons_total=len(lesson_ids),
            routes_accepted=accepted.get(team.id, 0) if team else 0,
            routes_total=len(assignment_ids),
            certificate=certificates.get(user.id),
        )
        if row.lessons_done < row.lessons_total:
            row.lacks.append(
                _("пройдено уроков %(done)s из %(total)s")
                % {"done": row.lessons_done, "total": row.lessons_total}
            )
        if team is None:
            row.lacks.append(_("не состоит в команде"))
        elif row.routes_accepted < row.routes_total:
            row.lacks.append(_("маршрут команды не принят"))
        rows.append(row)
    return rows


def eligibility_of(user, cohort) -> Eligibility | None:
    rows = cohort_eligibility(cohort, only_user=user)
    return rows[0] if rows else None
