"""The main pages of the site, per role, read from the database: what `make screenshots`
photographs and what the every-page browser test checks (status, phone width, axe).

Pages that show one object (a route, a review, a certificate) take one present in the
database, found by its state rather than its name; a page whose object is absent is left
out and named in `Tour.missing`."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse

from assessments.models import (
    FeedbackThread,
    QuizAttempt,
    RouteAssignmentPage,
    RouteDesign,
    SiteBooking,
)
from assessments.selectors import lesson_quizzes
from certificates.models import BulkIssue, Certificate
from community.models import Topic
from courses.models import CaseStudyIndexPage, CaseStudyPage, LessonPage, ModulePage, ProgramPage
from lms.models import Cohort, Membership, PrivacyPolicyPage

from .build import LEARNER_PASSWORD, PEOPLE

SEARCH_QUERY = "Кузбасс"


@dataclass
class Role:
    label: str  # public, learner, mentor, admin: the screenshot's file name starts with it
    email: str | None
    password: str | None
    pages: list[tuple[str, str]] = field(default_factory=list)  # (slug, path)


@dataclass
class Tour:
    roles: list[Role]
    missing: list[str] = field(default_factory=list)  # pages left out: their object is absent


def _login(key: str) -> tuple[str, str]:
    email, password, *_names = PEOPLE[key]
    return email, password


def _cohort() -> Cohort | None:
    """The cohort running with the most teams (the one the demo's story happens in)."""
    return (
        Cohort.objects.annotate(teams_count=Count("teams"))
        .order_by("-teams_count", "starts_on", "pk")
        .first()
    )


def _learner(cohort) -> tuple[str, RouteDesign | None]:
    """A demo learner login (a captain), whose team's route is a draft if any team has one:
    the studio is then shown editable."""
    emails = [PEOPLE[key][0] for key in PEOPLE if key not in ("admin", "mentor")]
    captains = Membership.objects.filter(
        user__email__in=emails, role=Membership.Role.CAPTAIN, team__cohort=cohort
    ).select_related("user", "team")
    best, best_rank = None, None
    order = [RouteDesign.State.DRAFT, RouteDesign.State.RETURNED]
    for membership in captains.order_by("pk"):
        design = RouteDesign.objects.filter(team=membership.team).order_by("pk").first()
        rank = (order.index(design.state) if design and design.state in order else len(order)) + (
            0 if design else 10
        )
        if best_rank is None or rank < best_rank:
            best, best_rank = (membership.user.email, design), rank
    return best or (PEOPLE["kuzbass_captain"][0], None)


def _lessons(program) -> tuple[LessonPage | None, LessonPage | None]:
    """The first lesson with a quiz and the first without, in the programme's order."""
    with_quiz = without = None
    for lesson in LessonPage.objects.live().descendant_of(program).order_by("path"):
        if lesson_quizzes(lesson):
            with_quiz = with_quiz or lesson
        else:
            without = without or lesson
        if with_quiz and without:
            break
    return with_quiz, without


def _quiz_to_take(program, email) -> LessonPage | None:
    """The first lesson whose quizzes the learner has not tried yet (it shows the questions,
    not a result), in the programme's order."""
    tried = set(QuizAttempt.objects.filter(user__email=email).values_list("quiz_id", flat=True))
    for lesson in LessonPage.objects.live().descendant_of(program).order_by("path"):
        quizzes = lesson_quizzes(lesson)
        if quizzes and not any(quiz.pk in tried for quiz in quizzes):
            return lesson
    return None


def tour() -> Tour:
    """Every main page as each role: public, learner, mentor, admin."""
    missing: list[str] = []

    def add(pages, slug, path, why=""):
        if path:
            pages.append((slug, path))
        else:
            missing.append(f"{slug}: {why}")

    program = ProgramPage.objects.live().order_by("path").first()
    module = ModulePage.objects.live().descendant_of(program).order_by("path").first()
    quiz_lesson, plain_lesson = _lessons(program)
    cases = CaseStudyIndexPage.objects.live().first()
    case = CaseStudyPage.objects.live().order_by("path").first()
    policy = PrivacyPolicyPage.objects.live().first()
    assignment = RouteAssignmentPage.objects.live().descendant_of(program).first()
    cohort = _cohort()
    certificate = Certificate.objects.filter(status=Certificate.Status.VALID).order_by("pk").first()

    public = Role("public", None, None)
    add(public.pages, "home", "/")
    add(public.pages, "programme", program.url)
    add(public.pages, "module", module.url)
    add(public.pages, "lesson", plain_lesson and plain_lesson.url, "no lesson without a quiz")
    add(public.pages, "cases", cases and cases.url, "no case-study index")
    add(public.pages, "case", case and case.url, "no case study")
    add(public.pages, "search", f"/search/?q={SEARCH_QUERY}")
    add(public.pages, "verify", "/verify/")
    add(public.pages, "certificate", certificate and f"/verify/{certificate.code}/", "none issued")
    add(public.pages, "login", "/accounts/login/")
    add(public.pages, "privacy", policy and policy.url, "no policy page")

    email, own_route = _learner(cohort)
    quiz_lesson = _quiz_to_take(program, email) or quiz_lesson
    learner = Role("learner", email, LEARNER_PASSWORD)
    add(learner.pages, "dashboard", "/dashboard/")
    add(learner.pages, "programme", program.url)
    add(learner.pages, "module", module.url)
    add(learner.pages, "lesson-quiz", quiz_lesson and quiz_lesson.url, "no lesson with a quiz")
    add(learner.pages, "lesson", plain_lesson and plain_lesson.url, "no lesson without a quiz")
    add(learner.pages, "assignment", assignment and assignment.url, "no route assignment")
    add(learner.pages, "studio", own_route and f"/routes/{own_route.id}/", "the team has no route")
    add(learner.pages, "profile", "/profile/")
    add(learner.pages, "notifications", "/notifications/")
    add(learner.pages, "calendar", reverse("calendar"))
    add(learner.pages, "calendar-week", reverse("calendar_week"))
    add(learner.pages, "calendar-feed", reverse("calendar_feed_settings"))
    add(learner.pages, "boards", reverse("community:index"))
    team = Membership.objects.filter(user__email=email, team__cohort=cohort).first()
    add(
        learner.pages,
        "cohort-board",
        cohort and reverse("community:cohort_board", args=[cohort.pk]),
    )
    add(
        learner.pages,
        "team-board",
        team and reverse("community:team_board", args=[team.team_id]),
        "the learner has no team",
    )
    topic = (
        Topic.objects.filter(cohort=cohort, team=None).order_by("pk").first() if cohort else None
    )
    if topic:
        add(learner.pages, "topic", reverse("community:topic", args=[topic.pk]))
    add(
        learner.pages,
        "peer-reviews",
        assignment and reverse("assessments:peer_reviews", args=[assignment.pk]),
        "no route assignment",
    )
    # Last, as the language stays switched: the programme (translated) and a lesson (Russian
    # only, said so in English) read in English.
    add(
        learner.pages,
        "programme-en",
        f"{reverse('switch_language', args=['en'])}?next={program.url}",
    )
    add(learner.pages, "lesson-en", plain_lesson and plain_lesson.url, "no lesson without a quiz")
    # A learner's certificates are listed on the dashboard; there is no page of their own.

    mentor_email, mentor_password = _login("mentor")
    mentor = Role("mentor", mentor_email, mentor_password)
    waiting = (
        RouteDesign.objects.filter(
            state__in=[RouteDesign.State.SUBMITTED, RouteDesign.State.IN_REVIEW],
            team__mentor__email=mentor_email,
        )
        .order_by("updated_at", "pk")
        .first()
    )
    threaded = (
        FeedbackThread.objects.filter(design__team__mentor__email=mentor_email)
        .exclude(design=waiting)
        .order_by("pk")
        .first()
    )
    revised = (
        RouteDesign.objects.filter(team__mentor__email=mentor_email)
        .annotate(submitted=Count("versions__submitted_at"))
        .filter(submitted__gte=2)
        .order_by("pk")
        .first()
    )
    add(mentor.pages, "dashboard", "/dashboard/")
    add(mentor.pages, "reviews", "/reviews/")
    add(mentor.pages, "review", waiting and f"/routes/{waiting.id}/review/", "no route waiting")
    if threaded:
        add(mentor.pages, "threads", f"/routes/{threaded.design_id}/review/")
    if revised:
        number = revised.versions.filter(submitted_at__isnull=False).latest("number").number
        add(mentor.pages, "diff", f"/routes/{revised.id}/versions/{number}/diff/")
    add(mentor.pages, "reports", "/reports/")
    add(mentor.pages, "calendar", reverse("calendar"))
    add(mentor.pages, "boards", reverse("community:index"))
    add(mentor.pages, "gradebook", cohort and f"/cohorts/{cohort.id}/report/", "no cohort")

    admin_email, admin_password = _login("admin")
    admin = Role("admin", admin_email, admin_password)
    add(admin.pages, "dashboard", "/dashboard/")
    add(admin.pages, "reports", "/reports/")
    if cohort:
        add(admin.pages, "cohort-report", f"/cohorts/{cohort.id}/report/")
        add(admin.pages, "teams", f"/cohorts/{cohort.id}/teams/")
        add(admin.pages, "members", f"/cohorts/{cohort.id}/teams/members/")
        add(admin.pages, "certificates", "/certificates/cohorts/")
        add(admin.pages, "cohort-certificates", f"/certificates/cohorts/{cohort.id}/")
        add(admin.pages, "import", f"/cohorts/{cohort.id}/import/")
    else:
        missing.append("cohort pages: no cohort")
    if certificate:
        add(admin.pages, "certificate", f"/certificates/{certificate.id}/")
    bulk = BulkIssue.objects.order_by("-pk").first()
    if bulk:
        add(admin.pages, "bulk-issue", f"/certificates/bulk/{bulk.id}/")
    add(admin.pages, "bookings", "/bookings/")
    add(admin.pages, "calendar", reverse("calendar"))
    if cohort:
        add(admin.pages, "announce", reverse("community:announce", args=[cohort.pk]))
        if assignment:
            stage = reverse("assessments:peer_stage", args=[assignment.pk, cohort.pk])
            add(admin.pages, "peer-stage", stage)
    if not SiteBooking.objects.exists():
        missing.append("bookings: the calendar is empty (no route submitted)")
    add(admin.pages, "enrolment", "/enrolment/requests/")
    add(admin.pages, "cms", "/cms/")
    add(admin.pages, "cms-programme", f"/cms/pages/{program.id}/")
    return Tour([public, learner, mentor, admin], missing)
