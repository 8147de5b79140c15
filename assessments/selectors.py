"""Read queries for the studio, the assignment page and the review queue."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.dates import MONTHS_ALT

from core import cached
from core.languages import page_language
from core.pages import presents
from core.params import MAX_ID
from core.reversing import url_maker
from courses.models import Enterprise
from courses.selectors import STRUCTURE
from lms.models import Cohort, Membership, Team
from lms.roles import CERTIFICATE_ADMIN, has_role

from . import phases
from .contribution import suggested_score, webpa_factors
from .diff import diff_versions
from .diff_display import present
from .late_work import penalised
from .models import (
    CriterionScore,
    DeadlineExtension,
    ExtraAttempt,
    GradeAdjustment,
    PeerAssessment,
    QuizAttempt,
    Review,
    ReviewRevision,
    RouteAssignmentPage,
    RouteDesign,
    RouteDesignVersion,
    RouteDraftSnapshot,
    RouteStop,
    SiteBooking,
)
from .models.route import Criterion, rubric_fingerprint
from .scoring import CriterionMark, blended_score, grading_grade
from .snapshots import StopData, route_snapshot


def can_review(user, design) -> bool:
    """The team's own mentor or a mentor of its cohort."""
    team = design.team
    return team.mentor_id == user.id or team.cohort.mentors.filter(pk=user.pk).exists()


def membership_for(user, assignment):
    """The user's team membership in a cohort of the assignment's program, if any."""
    if not user.is_authenticated:
        return None
    program = assignment.get_parent()
    return (
        Membership.objects.filter(user=user, cohort__program_id=program.id)
        .select_related("team__cohort", "team__region")
        .first()
    )


def team_route_for(user, assignment) -> dict:
    membership = membership_for(user, assignment)
    design = None
    if membership is not None:
        design = RouteDesign.objects.filter(team=membership.team, assignment=assignment).first()
    return {"membership": membership, "design": design}


def route_assignments(program) -> list:
    """The programme's live route assignments in order, cached with its structure."""
    return cached.get_or_build(
        STRUCTURE,
        program.pk,
        "assignments",
        build=lambda: list(
            RouteAssignmentPage.objects.live()
            .descendant_of(program)
            .defer_streamfields()
            .order_by("path")
        ),
    )


@presents(RouteAssignmentPage)
def assignment_context(assignment, request) -> dict:
    """The team's route and its deadline (an extension counts before the team starts too)."""
    context = team_route_for(request.user, assignment)
    membership = context["membership"]
    context["team_deadline"] = (
        team_deadlines(assignment, [membership.team_id])[membership.team_id] if membership else None
    )
    context["team_cutoff"] = assignment.cutoff_for(context["team_deadline"] or assignment.deadline)
    return {**context, **page_language(assignment)}


def assignment_page(assignment_id: int) -> RouteAssignmentPage:
    """A route assignment without its brief (title, deadline, limits, rubric), cached with
    the programmes' structure: every studio request and live check needs it."""
    return cached.get_or_build(
        STRUCTURE,
        "assignment",
        assignment_id,
        build=lambda: _with_shortlist(
            RouteAssignmentPage.objects.defer_streamfields().get(id=assignment_id)
        ),
    )


def _with_shortlist(page: RouteAssignmentPage) -> RouteAssignmentPage:
    page.shortlisted_enterprise_ids()  # read now, so the cached page carries it
    return page


def visible_routes(user):
    """Routes the user may open: their teams', their mentored teams', or all for admins."""
    routes = RouteDesign.objects.select_related("team__region", "team__cohort", "assignment")
    if has_role(user, CERTIFICATE_ADMIN):
        return routes
    # Subqueries rather than joins through memberships and cohort mentors: no DISTINCT over
    # every route, which cost 10 ms a page with 2,000 teams.
    return routes.filter(
        Q(team_id__in=Membership.objects.filter(user=user).values("team_id"))
        | Q(team__mentor=user)
        | Q(team__cohort_id__in=_mentored_cohort_ids(user))
    )


def _mentored_cohort_ids(user):
    return Cohort.mentors.through.objects.filter(user_id=user.pk).values("cohort_id")


def _queue_teams(mentor):
    return Team.objects.filter(
        Q(mentor=mentor)
        | Q(mentor__isnull=True, cohort_id__in=_mentored_cohort_ids(mentor))
        | Q(cohort__lead_mentor=mentor)
    )


def with_late_mark(designs):
    """`designs` (a queryset) with their latest submitted version's late mark, how late it
    came and its penalty (`late_marked`, `late_by`, `late_penalty`), in the same query."""
    latest = RouteDesignVersion.objects.filter(
        design=OuterRef("pk"), submitted_at__isnull=False
    ).order_by("-number")
    return designs.annotate(
        late_marked=Subquery(latest.values("is_late")[:1]),
        late_by=Subquery(latest.values("late_by")[:1]),
        late_penalty=Subquery(latest.values("late_penalty")[:1]),
    )


def review_queue(mentor):
    """Routes waiting for the mentor (theirs to review, or to approve as lead), oldest first.

    The mentor's teams are a subquery; the few assignments are not read here at all (see
    with_assignments: a page of them comes from the structure cache)."""
    teams = _queue_teams(mentor)
    return (
        with_late_mark(
            RouteDesign.objects.filter(
                state__in=[RouteDesign.State.SUBMITTED, RouteDesign.State.IN_REVIEW],
                team_id__in=teams.values("id"),
            )
        )
        .select_related("team__region")
        .order_by("updated_at", "id")
    )


def review_queue_page(mentor, number, *, size: int) -> Page:
    """One page of the mentor's queue (as a Paginator's page, `number` as typed) in one
    query: the total comes with the rows (COUNT(*) OVER ()) instead of a count query of its
    own. A number past the end gives the last page, as Paginator.get_page does."""
    try:
        # Capped where the offset would leave the database's 64-bit range: past the end anyway.
        number = min(max(1, int(number or 1)), MAX_ID // size)
    except (TypeError, ValueError):
        number = 1
    counted = review_queue(mentor).annotate(queue_total=Window(Count("id")))
    rows = list(counted[(number - 1) * size : number * size])
    if rows:
        total = rows[0].queue_total
    else:
        total = review_queue(mentor).count() if number > 1 else 0
        if total:
            number = (total + size - 1) // size
            rows = list(counted[(number - 1) * size : number * size])
    paginator = Paginator([], size)
    paginator.count = total  # a cached_property: the rows already told it
    return Page(_queue_rows(with_assignments(rows)), number, paginator)


def _queue_rows(designs) -> list:
    """The queue's rows with what each shows already worked out: the review link and the
    sent and due times as «2 декабря, 14:10», both by the clock of the assignment's zone.
    Reversing a URL and the date filter cost ~0.1 ms a row in the template; here one reverse
    and the month names serve the page."""
    review_url = url_maker("assessments:review")
    months = {}
    for design in designs:
        design.review_url = review_url(design.id)
        zone = zoneinfo.ZoneInfo(design.assignment.time_zone)
        design.submitted_label = _day_month_time(design.updated_at.astimezone(zone), months)
        design.deadline_label = _day_month_time(design.deadline.astimezone(zone), months)
    return designs


def _day_month_time(value: dt.datetime, months: dict) -> str:
    """`value` as the date filter's "j E, H:i" prints it (the month in the genitive of the
    active language), the month names looked up once per page."""
    if value.month not in months:
        months[value.month] = str(MONTHS_ALT[value.month])
    return f"{value.day} {months[value.month]}, {value:%H:%M}"


def with_assignments(designs) -> list:
    """The routes with their assignment pages from the structure cache (no query when warm):
    a queue's rows share one or two assignments, which Wagtail's page tables make costly to
    join or prefetch on every request."""
    designs = list(designs)
    pages = {}
    for design in designs:
        if design.assignment_id not in pages:
            pages[design.assignment_id] = assignment_page(design.assignment_id)
        design.assignment = pages[design.assignment_id]
    return designs


def stale_reviews(design_ids) -> set[int]:
    """The routes (of `design_ids`) whose latest published review was scored on a rubric that
    has changed since: the mentor should reopen it for a regrade. One query, the rubrics'
    fingerprints being cached."""
    return _stale(Review.objects.filter(version__design_id__in=design_ids))


def _stale(reviews) -> set[int]:
    """The routes of `reviews` whose latest published one needs a regrade (see stale_reviews)."""
    latest = {}
    reviews = reviews.filter(status=Review.Status.PUBLISHED).exclude(rubric_fingerprint="")
    for design_id, rubric_id, fingerprint in reviews.order_by("published_at", "id").values_list(
        "version__design_id", "version__design__assignment__rubric_id", "rubric_fingerprint"
    ):
        latest[design_id] = (rubric_id, fingerprint)
    current = rubric_fingerprints()
    return {
        design_id
        for design_id, (rubric, fingerprint) in latest.items()
        if current.get(rubric, rubric_fingerprint([])) != fingerprint
    }


RUBRICS = "assessments:rubrics"


def rubric_fingerprints() -> dict[int, str]:
    """Every rubric's current fingerprint (see rubric_fingerprint), cached until a rubric or
    criterion is saved or deleted: the review queue and the cohort report compare each
    published review's fingerprint with it on every request. A handful of rubrics."""

    def build():
        criteria = {}
        for criterion in Criterion.objects.order_by("sort_order", "pk"):
            criteria.setdefault(criterion.rubric_id, []).append(criterion)
        return {rubric: rubric_fingerprint(items) for rubric, items in criteria.items()}

    return cached.get_or_build(RUBRICS, build=build)


def forget_rubrics(**kwargs) -> None:
    cached.forget(RUBRICS)


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    from .models import Rubric

    for model in (Rubric, Criterion):
        for signal in (post_save, post_delete):
            signal.connect(
                forget_rubrics, sender=model, weak=False, dispatch_uid=f"rubrics-{model.__name__}"
            )


def regrade_queue(mentor) -> list:
    """The mentor's routes (theirs, or as lead) whose published review needs a regrade."""
    # The reviews filtered through the join to their routes the query makes anyway, rather
    # than a subquery of routes within it.
    stale = _stale(
        Review.objects.filter(
            version__design__state__in=[RouteDesign.State.ACCEPTED, RouteDesign.State.RETURNED],
            version__design__team_id__in=_queue_teams(mentor).values("id"),
        )
    )
    return list(RouteDesign.objects.filter(id__in=stale).select_related("team__region"))


def draft_history(design, *, limit: int = 20) -> list:
    """The route's latest saves, newest first, each with its `number` (1 for the route's
    first save, counting every save of every draft), in one query."""
    numbered = RouteDraftSnapshot.objects.filter(design=design).annotate(
        number=Window(RowNumber(), order_by=[F("saved_at").asc(), F("id").asc()])
    )
    return list(numbered.select_related("author").order_by("-saved_at", "-id")[:limit])


def latest_submitted(design):
    return (
        design.versions.filter(submitted_at__isnull=False)
        .select_related("submitted_by")
        .order_by("-number")
        .first()
    )


def latest_review(design, *, viewer=None, versions=None):
    """The newest review the viewer may read: published ones, or the viewer's own drafts.

    `versions`: the design's versions when the caller has them (the studio): no review
    without a submitted one, and no join back to the versions."""
    if versions is None:
        reviews = Review.objects.filter(version__design=design).select_related("version")
    else:
        submitted = {v.pk: v for v in versions if v.submitted_at is not None}
        if not submitted:
            return None
        reviews = Review.objects.filter(version_id__in=submitted)
    visible = Q(status=Review.Status.PUBLISHED)
    if viewer is not None:
        visible |= Q(mentor=viewer) | Q(version__design__team__cohort__lead_mentor=viewer)
    # Whether it was ever reopened comes with the row: most reviews were not, and their
    # pages then need no query for the earlier publications (see _review.html).
    review = (
        reviews.filter(visible)
        .annotate(has_revisions=Exists(ReviewRevision.objects.filter(review=OuterRef("pk"))))
        .select_related("mentor")
        .prefetch_related("scores")
        .first()
    )
    if review is not None and versions is not None:
        review.version = submitted[review.version_id]
    return review


def comparable_versions(design, *, with_draft: bool) -> list:
    """The route's versions one may compare, oldest first: the submitted ones, and the team's
    draft (the newest unsubmitted version) when `with_draft`."""
    versions = list(design.versions.order_by("number"))
    drafts = [v for v in versions if v.submitted_at is None]
    return [
        v
        for v in versions
        if v.submitted_at is not None or (with_draft and drafts and v is drafts[-1])
    ]


def version_diff(old, new) -> dict:
    """What changed from version `old` to `new`, ready for people (see diff_display): two
    queries however long the route, one for both versions' stops, one for the names of the
    enterprises they visit."""
    stops: dict[int, list[StopData]] = {old.pk: [], new.pk: []}
    for stop in RouteStop.objects.filter(version_id__in=list(stops)).order_by("position"):
        stops[stop.version_id].append(StopData.of(stop))
    before, after = route_snapshot(old, stops[old.pk]), route_snapshot(new, stops[new.pk])
    ids = {s["enterprise_id"] for s in before["stops"] + after["stops"] if s["enterprise_id"]}
    names = dict(Enterprise.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    return present(diff_versions(before, after), names)


def lesson_quizzes(lesson) -> list:
    """The quizzes placed in a lesson's body, in order, without duplicates."""
    seen, quizzes = set(), []
    for block in lesson.body:
        if block.block_type == "quiz" and block.value["quiz"] is not None:
            quiz = block.value["quiz"]
            if quiz.pk not in seen:
                seen.add(quiz.pk)
                quizzes.append(quiz)
    return quizzes


def public_questions(quiz) -> list[dict]:
    """What the browser may see before submitting: no right answers, no explanations."""
    questions = []
    for block in quiz.questions:
        item = {"id": block.id, "kind": block.block_type, "text": block.value["text"]}
        if block.block_type == "numeric":
            item["unit"] = block.value["unit"]
        else:
            item["choices"] = [
                {"id": c.id, "text": c.value["text"]} for c in block.value["choices"].bound_blocks
            ]
        questions.append(item)
    return questions


def attempt_review(quiz, attempt, *, explained: bool = True) -> list[dict]:
    """After an attempt: each question with the learner's answer, right or wrong, and its
    explanation when `explained` (the quiz says when: see Quiz.explains)."""
    rows = []
    for block in quiz.questions:
        given = attempt.answers.get(block.id)
        row = {
            "text": block.value["text"],
            "correct": attempt.correct.get(block.id, False),
            "explanation": block.value["explanation"] if explained else "",
        }
        if block.block_type == "numeric":
            row["given"] = given or "—"
        else:
            chosen = {given} if isinstance(given, str) else set(given or ())
            row["given"] = (
                ", ".join(
                    c.value["text"] for c in block.value["choices"].bound_blocks if c.id in chosen
                )
                or "—"
            )
        rows.append(row)
    return rows


def best_attempts(user, quiz_ids) -> dict:
    best = {}
    if not user.is_authenticated:
        return best
    for attempt in QuizAttempt.objects.filter(user=user, quiz_id__in=list(quiz_ids)).order_by(
        "quiz_id", "-score", "number"
    ):
        best.setdefault(attempt.quiz_id, attempt)
    return best


def extra_attempts(user, quiz) -> int:
    """Attempts a mentor has added for the user beyond the quiz's own."""
    return ExtraAttempt.objects.filter(user=user, quiz=quiz).count()


def quiz_panels(lesson, user) -> list[dict]:
    """Each quiz of the lesson with the user's attempts and the extra attempts a mentor gave:
    one query for each, for all the lesson's quizzes."""
    quizzes = lesson_quizzes(lesson)
    attempts, extras = {}, {}
    if user.is_authenticated and quizzes:
        quiz_ids = [q.pk for q in quizzes]
        for attempt in QuizAttempt.objects.filter(user=user, quiz_id__in=quiz_ids).order_by(
            "number"
        ):
            attempts.setdefault(attempt.quiz_id, []).append(attempt)
        for extra in ExtraAttempt.objects.filter(user=user, quiz_id__in=quiz_ids).select_related(
            "granted_by"
        ):
            extras.setdefault(extra.quiz_id, []).append(extra)
    panels = []
    for quiz in quizzes:
        mine = attempts.get(quiz.pk, [])
        given = extras.get(quiz.pk, [])
        best = max(mine, key=lambda a: (a.score, -a.number), default=None)
        last = mine[-1] if mine else None
        left = max(quiz.max_attempts + len(given) - len(mine), 0)
        passed = bool(best and best.passed)
        panels.append(
            {
                "quiz": quiz,
                "questions": public_questions(quiz),
                "attempts": mine,
                "attempts_left": left,
                "next_number": len(mine) + 1,
                "best": best,
                "passed": passed,
                "last": last,
                "review": attempt_review(
                    quiz, last, explained=quiz.explains(passed=passed, attempts_left=left)
                )
                if last
                else [],
                "extra_attempts": given,
            }
        )
    return panels


def lesson_quiz_panels(lesson, user) -> dict:
    """The lesson page's quizzes by id (a part of the lesson page: see courses.hooks)."""
    return {"quiz_panels": {panel["quiz"].pk: panel for panel in quiz_panels(lesson, user)}}


def quizzes_not_passed(user, lesson) -> list[str]:
    """Titles of the lesson's quizzes the learner has not passed (a lesson requirement)."""
    quizzes = lesson_quizzes(lesson)
    best = best_attempts(user, [q.pk for q in quizzes])
    return [q.title for q in quizzes if not (best.get(q.pk) and best[q.pk].passed)]


def lessons_with_attempts(user, lesson_ids) -> set[int]:
    """The lessons where the learner has tried a quiz (a lesson begun: see courses.hooks)."""
    return set(
        QuizAttempt.objects.filter(user=user, lesson_id__in=lesson_ids)
        .order_by()
        .values_list("lesson_id", flat=True)
        .distinct()
    )


def personal_data(user) -> dict:
    """The user's quiz attempts and their teams' routes, for their personal-data export."""
    teams = Membership.objects.filter(user=user).values("team_id")
    return {
        "quiz_attempts": [
            {
                "quiz": a.quiz.title,
                "number": a.number,
                "score": a.score,
                "passed": a.passed,
                "at": a.submitted_at,
            }
            for a in QuizAttempt.objects.filter(user=user).select_related("quiz")
        ],
        "routes": [
            {
                "team": d.team.name,
                "assignment": d.assignment.title,
                "state": d.state,
                "versions": [
                    {"number": v.number, "title": v.title, "submitted_at": v.submitted_at}
                    for v in d.versions.all()
                ],
            }
            for d in RouteDesign.objects.filter(team_id__in=teams)
            .select_related("team", "assignment")
            .prefetch_related("versions")
        ],
        "route_feedback_messages": [
            {
                "route": m.thread.design_id,
                "thread": m.thread_id,
                "version": m.version.number,
                "body": m.body,
                "at": m.at,
            }
            for m in _written_messages(user)
        ],
    }


def _written_messages(user):
    from .models import ThreadMessage

    written = ThreadMessage.objects.filter(author=user, kind=ThreadMessage.Kind.MESSAGE)
    return written.select_related("thread", "version")


@dataclass(frozen=True)
class ProjectScore:
    """A project score as it counts: the mentor's (the team's, or the one set apart for a
    member, with its reason) blended with the peer parts where the assignment weighs them
    (scoring.blended_score), less the late penalty of the version reviewed."""

    before_penalty: Decimal | None
    penalty: int = 0  # percent, frozen on the version when it was submitted
    late_by: dt.timedelta | None = None
    reason: str = ""
    mentor_score: Decimal | None = None  # the mentor's own, before any peer part
    peer_score: Decimal | None = None  # the mean of the other teams' reviews, if weighed
    grading_grade: Decimal | None = None  # the team's own as a reviewer, if weighed

    @property
    def score(self) -> Decimal | None:
        return penalised(self.before_penalty, self.penalty)


def project_scores(reviews) -> tuple[dict[int, ProjectScore], dict[tuple, ProjectScore]]:
    """From the latest of `reviews` (a queryset) per team: the team's project score by team
    id, and by (team id, member id) the score the mentor set them apart from it (the latest
    row; by team, so a learner moved to another team does not carry the score set in their
    former team's review), both with the peer parts the assignment weighs and after the
    reviewed version's late penalty. The one place the peer parts and a penalty are applied:
    every score shown, exported or ruled on comes from here. Two queries, five when an
    assignment weighs peer reviews."""
    rows, latest_review = {}, {}
    for row in reviews.order_by("created_at", "id").values_list(
        "id",
        "version__design__team_id",
        "score",
        "version__late_penalty",
        "version__late_by",
        "version__design_id",
        "version__design__assignment__peer_review",
        "version__design__assignment__peer_score_weight",
        "version__design__assignment__grading_grade_weight",
    ):
        rows[row[1]] = row
        latest_review[row[1]] = row[0]
    weighed = {team_id for team_id, row in rows.items() if row[6] and (row[7] or row[8])}
    peer, grading = (
        _peer_parts([rows[t][5] for t in weighed], list(weighed)) if weighed else ({}, {})
    )

    def counted(team_id, mentor, reason=""):
        _, _, _, penalty, late_by, design_id, _, peer_weight, grading_weight = rows[team_id]
        parts = {}
        if team_id in weighed:
            parts = {
                "peer_score": peer.get(design_id) if peer_weight else None,
                "grading_grade": grading.get(team_id) if grading_weight else None,
            }
        return ProjectScore(
            before_penalty=blended_score(
                mentor,
                peer=parts.get("peer_score"),
                peer_weight=peer_weight,
                grading=parts.get("grading_grade"),
                grading_weight=grading_weight,
            ),
            penalty=penalty,
            late_by=late_by,
            reason=reason,
            mentor_score=mentor,
            **parts,
        )

    teams = {team_id: counted(team_id, row[2]) for team_id, row in rows.items()}
    by_review = {review_id: team_id for team_id, review_id in latest_review.items()}
    members = {}
    # The reviews as a subquery: one query whether or not any team is reviewed yet.
    adjustments = GradeAdjustment.objects.filter(review__in=reviews).order_by("at", "id")
    for review_id, member_id, score, reason in adjustments.values_list(
        "review_id", "member_id", "score", "reason"
    ):
        if review_id in by_review:
            members[by_review[review_id], member_id] = counted(by_review[review_id], score, reason)
    return teams, members


def member_project_score(design, user) -> dict | None:
    """The learner's project score from the route's latest published review: the team's, or
    the one the mentor set apart for them, with its reason, and the late penalty if any.
    None until a review is out. Two queries."""
    reviews = Review.objects.filter(version__design=design, status=Review.Status.PUBLISHED).exclude(
        score=None
    )
    teams, members = project_scores(reviews)
    team = teams.get(design.team_id)
    if team is None:
        return None
    own = members.get((design.team_id, user.pk), team)
    return {
        "score": own.score,
        "before_penalty": own.before_penalty,
        "penalty": own.penalty,
        "late_by": own.late_by,
        "team_score": team.score,
        "reason": own.reason,
        "mentor_score": own.mentor_score,
        "peer_score": own.peer_score,
        "grading_grade": own.grading_grade,
    }


def team_deadlines(assignment, team_ids) -> dict:
    """Each team's deadline for the assignment: its latest extension, else the assignment's
    (one query, whether or not the teams have started their routes)."""
    deadlines = dict.fromkeys(team_ids, assignment.deadline)
    extensions = DeadlineExtension.objects.filter(assignment=assignment, team_id__in=team_ids)
    for team_id, until in extensions.order_by("at", "id").values_list("team_id", "until"):
        deadlines[team_id] = until
    return deadlines


def contribution_version(design, *, versions=None, review=None) -> RouteDesignVersion | None:
    """The version whose contribution notes are open: the latest submitted one, until a
    review of it is first published (a review reopened later does not reopen them).

    `versions`: the design's versions, newest first, when the caller has them (the studio);
    `review`: the route's latest published review, when the caller has read it: one of the
    version settles the question without a query."""
    if versions is None:
        version = latest_submitted(design)
    else:
        version = next((v for v in versions if v.submitted_at is not None), None)
    if version is None or version.withdrawn_at is not None:
        return None
    if review is not None and review.version_id == version.pk and review.published_at:
        return None
    if version.reviews.filter(published_at__isnull=False).exists():
        return None
    return version


def current_notes(version) -> dict[tuple[int, int], PeerAssessment]:
    """The notes in force for a version, by (author, about): the latest row of each pair."""
    notes = {}
    for note in version.peer_notes.select_related("author", "about").order_by("at", "id"):
        notes[note.author_id, note.about_id] = note
    return notes


def contributions(version, members, team_score, *, published: bool | None = None) -> dict:
    """What the mentor sees of the members' notes on a version: per member whether they have
    rated everyone, their WebPA factor and the score it suggests; the notes in force and every
    earlier row as the history. Two queries; one when the caller knows (`published`) whether
    a review of the version was ever published, which closes the notes."""
    rows = list(version.peer_notes.select_related("author", "about").order_by("at", "id"))
    current = {}
    for note in rows:
        current[note.author_id, note.about_id] = note
    ids = [m.pk for m in members]
    factors = webpa_factors(ids, {pair: n.contribution for pair, n in current.items()})
    in_force = {n.pk for n in current.values()}
    return {
        "members": [
            {
                "member": member,
                "answered": all((member.pk, other) in current for other in ids),
                "factor": factors[member.pk],
                "suggested": suggested_score(team_score, factors[member.pk]),
            }
            for member in members
        ],
        "notes": sorted(current.values(), key=lambda n: (n.author.full_name, n.about.full_name)),
        "history": [n for n in reversed(rows) if n.pk not in in_force],
        "open": not (
            version.reviews.filter(published_at__isnull=False).exists()
            if published is None
            else published
        ),
    }


# Feedback threads


def route_threads(design, version, *, team_view: bool = False, stops=None, versions=None) -> dict:
    """The feedback threads to show with `version` (the latest submitted one): those opened on
    it, open ones carried from earlier versions and earlier ones resolved since it came in,
    each with its messages and, when carried, whether its anchor changed since it was opened
    (see diff.diff_versions). Grouped by the version's stops (with their findings), removed
    stops and fields. `team_view`: only threads of versions whose review is published.
    Three queries at most, however many threads, messages and stops: `stops`, the version's
    stops (with their enterprises) when the caller has read them, spares one (`versions`, the
    route's, spare the join to them), and the team,
    who see no panel without threads, are spared the stops when there are none."""
    from .models import THREAD_FIELDS, FeedbackThread, ThreadMessage

    if versions is None:
        threads = FeedbackThread.objects.filter(
            design=design, version__number__lte=version.number
        ).select_related("version", "resolved_by")
    else:
        known = {v.pk: v for v in versions if v.number <= version.number}
        threads = FeedbackThread.objects.filter(
            design=design, version_id__in=list(known)
        ).select_related("resolved_by")
    if team_view:
        threads = threads.filter(
            version_id__in=Review.objects.filter(
                version__design=design, published_at__isnull=False
            ).values("version_id")
        )
    threads = [
        t
        for t in threads.prefetch_related(
            Prefetch("messages", queryset=ThreadMessage.objects.select_related("author"))
        )
        if t.version_id == version.pk
        or t.status == FeedbackThread.Status.OPEN
        or (t.resolved_at and version.submitted_at and t.resolved_at >= version.submitted_at)
    ]
    if versions is not None:
        for t in threads:
            t.version = known[t.version_id]
    given = stops is not None
    stops: dict[int, list] = {version.pk: list(stops) if given else []}
    for t in threads:
        stops.setdefault(t.version_id, [])
    wanted = [pk for pk in stops if pk != version.pk or not given]
    if wanted and (threads or not team_view):
        for stop in (
            RouteStop.objects.filter(version_id__in=wanted)
            .select_related("enterprise")
            .order_by("position")
        ):
            stops[stop.version_id].append(stop)
    current = {stop.key: stop for stop in stops[version.pk]}
    after = None
    diffs: dict[int, dict] = {}
    makers = [
        url_maker(f"assessments:{name}", 2)
        for name in (("reply", "resolve_thread", "reopen_thread") if threads else ())
    ]
    for t in threads:
        # Each thread's forms, reversed once per page rather than per thread in _thread.html.
        t.reply_url, t.resolve_url, t.reopen_url = (make(design.pk, t.pk) for make in makers)
        t.carried = t.version_id != version.pk
        t.change = None
        if t.carried and after is None:
            after = route_snapshot(version, [StopData.of(s) for s in stops[version.pk]])
        if t.carried and t.version_id not in diffs:
            before = route_snapshot(t.version, [StopData.of(s) for s in stops[t.version_id]])
            diffs[t.version_id] = diff_versions(before, after)
        if t.anchor == FeedbackThread.Anchor.STOP:
            was = next((s for s in stops[t.version_id] if s.key == t.stop_key), None)
            t.stop = current.get(t.stop_key) or was
            if t.carried:
                t.change = _stop_change(diffs[t.version_id], t.stop_key)
        elif t.carried:
            changes = diffs[t.version_id]
            names = {f["name"] for f in changes["fields"]}
            changed = bool(names & set(THREAD_FIELDS[t.field_name])) or (
                t.field_name == "cost_items" and bool(changes["costs"]["lines"])
            )
            t.change = "changed" if changed else "unchanged"
    findings: dict[int, list] = {}
    for finding in version.findings or []:
        if finding.get("stop"):
            findings.setdefault(finding["stop"], []).append(finding)
    by_stop = [
        {
            "stop": stop,
            "findings": findings.get(stop.position, []),
            "threads": [t for t in threads if t.anchor == "stop" and t.stop_key == stop.key],
        }
        for stop in stops[version.pk]
    ]
    return {
        "threads": threads,
        "stops": by_stop,
        "removed": [t for t in threads if t.anchor == "stop" and t.stop_key not in current],
        "fields": [
            {
                "name": name,
                "label": str(RouteDesignVersion._meta.get_field(name).verbose_name).capitalize(),
                "threads": [t for t in threads if t.field_name == name],
            }
            for name in THREAD_FIELDS
        ],
        "open": sum(t.status == FeedbackThread.Status.OPEN for t in threads),
    }


def _stop_change(changes: dict, key) -> str:
    """What became of the stop with `key` between two versions: changed, removed, unchanged."""
    for entry in changes["stops"]:
        stop = entry["new"] or entry["old"]
        if stop.get("key") == key.hex:
            if entry["status"] == "removed":
                return "removed"
            return "unchanged" if entry["status"] == "same" else "changed"
    return "removed"


@dataclass
class SiteCalendar:
    """One enterprise's bookings from a day on, by day, across every cohort."""

    enterprise: Enterprise
    days: list[tuple[dt.date, list]]


def bookings_calendar(*, since: dt.date, enterprise_id: int | None = None) -> list[SiteCalendar]:
    """Requests and decisions at each enterprise from `since` on, grouped by site and day, for
    the admin's calendar: one query whatever the number of bookings."""
    rows = (
        SiteBooking.objects.filter(on__gte=since)
        .exclude(state=SiteBooking.State.RELEASED)
        .select_related("enterprise", "team__cohort", "decided_by", "design__assignment")
        .order_by("enterprise__name", "enterprise_id", "on", "arrival", "id")
    )
    if enterprise_id:
        rows = rows.filter(enterprise_id=enterprise_id)
    calendars: list[SiteCalendar] = []
    for booking in rows:
        if not calendars or calendars[-1].enterprise.pk != booking.enterprise_id:
            calendars.append(SiteCalendar(booking.enterprise, []))
        days = calendars[-1].days
        if not days or days[-1][0] != booking.on:
            days.append((booking.on, []))
        days[-1][1].append(booking)
    return calendars


def route_bookings(design) -> list:
    """The route's current requests and their states, for the studio: one query."""
    return list(
        design.bookings.exclude(state=SiteBooking.State.RELEASED)
        .select_related("enterprise")
        .order_by("on", "arrival", "id")
    )


# The peer stage (see models.peer, phases)


def peer_phase(assignment, cohort, *, now=None) -> str:
    """The cohort's phase of the assignment's peer stage now (see phases): one query."""
    from .models import PeerPhaseChange

    moves = PeerPhaseChange.objects.filter(assignment=assignment, cohort=cohort)
    return phases.effective_phase(
        now or timezone.now(),
        opens=assignment.peer_opens,
        closes=assignment.peer_review_closes,
        moves=list(moves.order_by("at", "id").values_list("at", "phase")),
    )


def peer_stage(assignment, cohort) -> dict:
    """What the admin and the lead mentor see of a cohort's peer stage: the phase, its moves,
    the teams dropped out, every allocation (in force and superseded) with whether its review
    is in. Five queries however many teams."""
    from .models import PeerAllocation, PeerDropOut, PeerPhase, PeerPhaseChange

    moves = list(
        PeerPhaseChange.objects.filter(assignment=assignment, cohort=cohort).select_related("by")
    )
    phase = phases.effective_phase(
        timezone.now(),
        opens=assignment.peer_opens,
        closes=assignment.peer_review_closes,
        moves=[(m.at, m.phase) for m in moves],
    )
    rows = list(
        PeerAllocation.objects.filter(assignment=assignment, cohort=cohort)
        .select_related("reviewer", "design__team", "version", "superseded_by", "review")
        .order_by("superseded_at", "reviewer__name", "design__team__name", "id")
    )
    for row in rows:
        row.sent = _related_or_none(row, "review")
    return {
        "phase": phase,
        "phase_label": PeerPhase(phase).label,
        "moves": moves,
        "dropped": list(
            PeerDropOut.objects.filter(assignment=assignment, cohort=cohort).select_related(
                "team", "by"
            )
        ),
        "in_force": [r for r in rows if r.superseded_at is None],
        "superseded": [r for r in rows if r.superseded_at is not None],
        "teams": list(Team.objects.filter(cohort=cohort).order_by("name")),
    }


def _related_or_none(row, name):
    try:
        return getattr(row, name)
    except ObjectDoesNotExist:
        return None


def team_peer_reviews(team, assignment) -> list:
    """The routes the team is to review for the assignment (the allocation in force, and
    superseded ones it had already reviewed), each with its sent review and latest draft:
    two queries."""
    from .models import PeerAllocation, PeerReviewDraft

    rows = list(
        PeerAllocation.objects.filter(reviewer=team, assignment=assignment)
        .filter(Q(superseded_at__isnull=True) | Q(review__isnull=False))
        .select_related("review", "version")
        .order_by("created_at", "id")
    )
    latest = {}
    for draft in PeerReviewDraft.objects.filter(allocation__in=[r.pk for r in rows]).order_by(
        "at", "id"
    ):
        latest[draft.allocation_id] = draft
    for number, row in enumerate(rows, start=1):
        row.number = number
        row.sent = _related_or_none(row, "review")
        row.latest_draft = latest.get(row.pk)
    return rows


def peer_review_drafts(allocation) -> list:
    """The team's saves of its draft, newest first, with who saved each: one query."""
    return list(allocation.drafts.select_related("author").order_by("-at", "-id"))


def peer_comparison(design, criteria, reference: dict[int, int] | None) -> dict | None:
    """For the mentor: the peer reviews sent on the route beside the mentor's own points
    (`reference`, by criterion id: their draft or published review), the spread between the
    peers on each criterion and overall, and each reviewing team's grading grade (how close
    it came to the mentor: 100 for the same scores). None when no team has reviewed it.
    One query."""
    from .models import PeerReview

    reviews = list(
        PeerReview.objects.filter(allocation__design=design)
        .select_related("allocation__reviewer", "submitted_by")
        .order_by("submitted_at", "id")
    )
    if not reviews:
        return None
    for review in reviews:
        review.points = {s["criterion_id"]: s["points"] for s in review.scores}
        review.notes = {s["criterion_id"]: s["comment"] for s in review.scores}
        review.grading_grade = _grade_against(review.scores, reference)
    rows = []
    for criterion in criteria:
        given = [r.points[criterion.pk] for r in reviews if criterion.pk in r.points]
        rows.append(
            {
                "criterion": criterion,
                "mentor": (reference or {}).get(criterion.pk),
                "peers": [r.points.get(criterion.pk) for r in reviews],
                "spread": max(given) - min(given) if len(given) > 1 else None,
            }
        )
    scores = [r.score for r in reviews]
    return {
        "reviews": reviews,
        "criteria": rows,
        "mean": _mean(scores),
        "spread": max(scores) - min(scores) if len(scores) > 1 else None,
    }


def _grade_against(scores: list[dict], reference: dict | None) -> Decimal | None:
    if not reference:
        return None
    marks = {
        s["criterion_id"]: CriterionMark(s["weight"], s["points"], s["max_points"]) for s in scores
    }
    try:
        return grading_grade(marks, reference)
    except ValueError:
        return None


def _mean(values) -> Decimal | None:
    values = [Decimal(v) for v in values if v is not None]
    if not values:
        return None
    return (sum(values) / len(values)).quantize(Decimal("0.1"))


def received_peer_reviews(design) -> dict | None:
    """What the authors see of the peer reviews of their route: nothing until a mentor's
    review of it is published; then every review sent, its reviewing team named unless the
    assignment keeps reviewers anonymous. Two queries."""
    from .models import PeerReview

    if not Review.objects.filter(version__design=design, published_at__isnull=False).exists():
        return None
    reviews = list(
        PeerReview.objects.filter(allocation__design=design)
        .select_related("allocation__reviewer", "allocation__version")
        .order_by("submitted_at", "id")
    )
    if not reviews:
        return None
    anonymous = design.assignment.peer_anonymous
    for number, review in enumerate(reviews, start=1):
        review.number = number
        review.reviewer_name = None if anonymous else review.allocation.reviewer.name
    return {"reviews": reviews, "anonymous": anonymous, "mean": _mean(r.score for r in reviews)}


def _peer_parts(design_ids, team_ids) -> tuple[dict, dict]:
    """For the project score: each route's mean peer-review score (by design id) and each
    team's grading grade as a reviewer (by team id). A grading grade compares each route the
    team was given with the latest published mentor review of that route; a route it was
    given but did not review, once that mentor review is out, counts 0. Three queries."""
    from .models import PeerAllocation, PeerReview

    peer = {}
    for design_id, score in PeerReview.objects.filter(
        allocation__design_id__in=design_ids
    ).values_list("allocation__design_id", "score"):
        peer.setdefault(design_id, []).append(score)
    given = list(
        PeerAllocation.objects.filter(reviewer_id__in=team_ids)
        .filter(Q(superseded_at__isnull=True) | Q(review__isnull=False))
        .values_list("reviewer_id", "design_id", "review__scores")
    )
    reference: dict[int, dict] = {}
    latest: dict[int, int] = {}
    marks = CriterionScore.objects.filter(
        review__version__design_id__in={design for _, design, _ in given},
        review__status=Review.Status.PUBLISHED,
    ).order_by("review__published_at", "review_id")
    for design_id, review_id, criterion_id, points in marks.values_list(
        "review__version__design_id", "review_id", "criterion_id", "points"
    ):
        if latest.get(design_id) != review_id:
            latest[design_id], reference[design_id] = review_id, {}
        reference[design_id][criterion_id] = points
    grades: dict[int, list] = {}
    for team_id, design_id, scores in given:
        if design_id not in reference:
            continue
        grade = _grade_against(scores, reference[design_id]) if scores else Decimal(0)
        if grade is not None:
            grades.setdefault(team_id, []).append(grade)
    return (
        {design: _mean(scores) for design, scores in peer.items()},
        {team: _mean(values) for team, values in grades.items()},
    )
