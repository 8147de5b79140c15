"""Who may do what: every role against the admin, report, certificate, personal-data and API
endpoints, as one table. A denial is a redirect to sign in (anonymous) or 403/404; an
allowed page must also not show what the role should not see (no leaks).

Route pages (the studio, reviews, attachments) have their own matrix in
tests/assessments/test_permissions.py.
"""

import pytest

from assessments.models import PeerAllocation
from assessments.services import move_peer_phase
from certificates.services import request_archive, start_bulk_issue
from lms.services import user_create
from reports.services import create_calendar_feed
from tests.builders.bookings import dated_submitted, team_of_another_cohort
from tests.builders.community import cohort_topic, kuzbass, team_topic
from tests.builders.feedback import comment_on_stop
from tests.builders.learning import complete_program
from tests.builders.peer import peer_assignment
from tests.builders.routes import certified_graduate, second_mentor_for_omsk
from tests.helpers import login

ROLES = [
    "anonymous",
    "learner",
    "captain",
    "other_learner",
    "mentor",
    "other_mentor",
    "lead_mentor",
    "admin",
]
STAFF = {"mentor", "other_mentor", "lead_mentor", "admin"}
TEAM_CHANGERS = {"lead_mentor", "admin"}
SIGNED_IN = set(ROLES) - {"anonymous"}
# The running cohort's people (its learners, its mentors) and Kuzbass's private board.
COHORT_MENTORS = {"mentor", "lead_mentor"}
COHORT_PEOPLE = {"learner", "captain", "other_learner", "admin"} | COHORT_MENTORS
KUZBASS_BOARD = {"learner", "captain", "admin"} | COHORT_MENTORS
KUZBASS_EMAILS = ("kuzbass.captain@demo.test", "kuzbass.member@demo.test")

# (what, method, url(context), who may, what must not appear for whom)
TABLE = [
    ("dashboard", "get", lambda c: "/dashboard/", SIGNED_IN, {}),
    ("notifications", "get", lambda c: "/notifications/", SIGNED_IN, {}),
    (
        "my data",
        "get",
        lambda c: "/profile/data.json",
        SIGNED_IN,
        {"other_learner": KUZBASS_EMAILS, "other_mentor": KUZBASS_EMAILS},
    ),
    ("reports index", "get", lambda c: "/reports/", STAFF, {}),
    (
        "cohort report",
        "get",
        lambda c: f"/cohorts/{c['cohort'].id}/report/",
        STAFF,
        {"other_mentor": KUZBASS_EMAILS},
    ),
    (
        "grade book",
        "get",
        lambda c: f"/cohorts/{c['cohort'].id}/gradebook.csv",
        STAFF,
        {"other_mentor": KUZBASS_EMAILS},
    ),
    ("import", "get", lambda c: f"/cohorts/{c['cohort'].id}/import/", {"admin"}, {}),
    (
        "team composition",
        "get",
        lambda c: f"/cohorts/{c['cohort'].id}/teams/members/",
        TEAM_CHANGERS,
        {},
    ),
    (
        "team change",
        "post",
        lambda c: f"/cohorts/{c['cohort'].id}/teams/members/",
        TEAM_CHANGERS,
        {},
    ),
    (
        "certificate registry",
        "get",
        lambda c: f"/cohorts/{c['cohort'].id}/certificates.csv",
        {"admin"},
        {},
    ),
    ("certificate cohorts", "get", lambda c: "/certificates/cohorts/", {"admin"}, {}),
    (
        "eligibility",
        "get",
        lambda c: f"/certificates/cohorts/{c['cohort'].id}/",
        {"admin"},
        {},
    ),
    (
        "bulk issue",
        "post",
        lambda c: f"/certificates/cohorts/{c['cohort'].id}/bulk/",
        {"admin"},
        {},
    ),
    ("bulk progress", "get", lambda c: f"/certificates/bulk/{c['job'].id}/", {"admin"}, {}),
    (
        "archive download",
        "get",
        lambda c: f"/certificates/archives/{c['archive'].id}/download/",
        {"admin"},
        {},
    ),
    (
        "ФИС ФРДО export",
        "get",
        lambda c: f"/certificates/cohorts/{c['cohort'].id}/frdo.xlsx",
        {"admin"},
        {},
    ),
    (
        "certificate admin page",
        "get",
        lambda c: f"/certificates/{c['certificate'].id}/",
        {"admin"},
        {},
    ),
    (
        "certificate PDF",
        "get",
        lambda c: f"/certificates/{c['certificate'].id}/pdf/",
        {"captain", "admin"},
        {},
    ),
    ("enrolment requests", "get", lambda c: "/enrolment/requests/", {"admin"}, {}),
    (
        "anonymise someone",
        "post",
        lambda c: f"/people/{c['victim'].id}/anonymise/",
        {"admin"},
        {},
    ),
    ("verify page", "get", lambda c: c["certificate"].get_verify_path(), set(ROLES), {}),
    (
        "feedback: new thread",
        "post",
        lambda c: f"/routes/{c['route'].id}/threads/",
        {"mentor"},
        {},
    ),
    (
        "feedback: reply",
        "post",
        lambda c: f"/routes/{c['route'].id}/threads/{c['thread'].id}/reply/",
        {"learner", "captain", "mentor"},
        {},
    ),
    (
        "feedback: resolve",
        "post",
        lambda c: f"/routes/{c['route'].id}/threads/{c['thread'].id}/resolve/",
        {"mentor"},
        {},
    ),
    ("site bookings calendar", "get", lambda c: "/bookings/", {"admin"}, {}),
    (
        "site booking decision",
        "post",
        lambda c: f"/bookings/{c['booking'].id}/decide/",
        {"admin"},
        {},
    ),
    ("discussions index", "get", lambda c: "/community/", SIGNED_IN, {}),
    (
        "cohort board",
        "get",
        lambda c: f"/community/cohorts/{c['cohort'].id}/",
        COHORT_PEOPLE,
        {},
    ),
    (
        "cohort board: new topic",
        "post",
        lambda c: f"/community/cohorts/{c['cohort'].id}/",
        COHORT_PEOPLE,
        {},
    ),
    (
        "team board",
        "get",
        lambda c: f"/community/teams/{c['team'].id}/",
        KUZBASS_BOARD,
        {},
    ),
    (
        "team topic",
        "get",
        lambda c: f"/community/topics/{c['team_topic'].id}/",
        KUZBASS_BOARD,
        {},
    ),
    (
        "topic: reply",
        "post",
        lambda c: f"/community/topics/{c['topic'].id}/",
        COHORT_PEOPLE,
        {},
    ),
    (
        "topic: edit (its author's)",
        "get",
        lambda c: f"/community/topics/{c['topic'].id}/edit/",
        {"learner"},
        {},
    ),
    (
        "reply: edit (its author's)",
        "get",
        lambda c: f"/community/replies/{c['reply'].id}/edit/",
        {"captain"},
        {},
    ),
    (
        "topic: mark the answer",
        "post",
        lambda c: f"/community/topics/{c['topic'].id}/answer/",
        COHORT_MENTORS | {"admin"},
        {},
    ),
    (
        "topic: moderate",
        "post",
        lambda c: f"/community/topics/{c['topic'].id}/moderate/",
        {"admin"},
        {},
    ),
    (
        "announcement form",
        "get",
        lambda c: f"/community/cohorts/{c['cohort'].id}/announce/",
        COHORT_MENTORS | {"admin"},
        {},
    ),
    (
        "announcement",
        "get",
        lambda c: f"/community/announcements/{c['announcement'].id}/",
        COHORT_PEOPLE,
        {},
    ),
    (
        "announcement: edit (its author's)",
        "get",
        lambda c: f"/community/announcements/{c['announcement'].id}/edit/",
        {"admin"},
        {},
    ),
    (
        "peer reviews: the team's list",
        "get",
        lambda c: f"/assignments/{c['route'].assignment_id}/peer-reviews/",
        {"learner", "captain", "other_learner"},
        {},
    ),
    (
        "peer review: the reviewer's page",
        "get",
        lambda c: f"/peer-reviews/{c['allocation'].id}/",
        {"other_learner"},
        {"other_learner": (*KUZBASS_EMAILS, "Команда Кузбасса")},
    ),
    (
        "peer review: a draft",
        "post",
        lambda c: f"/peer-reviews/{c['allocation'].id}/",
        {"other_learner"},
        {},
    ),
    (
        "peer stage",
        "get",
        lambda c: f"/assignments/{c['route'].assignment_id}/cohorts/{c['cohort'].id}/peer-stage/",
        TEAM_CHANGERS,
        {},
    ),
    (
        "peer stage: move the phase",
        "post",
        lambda c: f"/assignments/{c['route'].assignment_id}/cohorts/{c['cohort'].id}/peer-stage/",
        TEAM_CHANGERS,
        {},
    ),
    (
        "API without a token",
        "get",
        lambda c: "/api/cohorts/",
        set(),
        {},
    ),
    (
        "calendar month",
        "get",
        lambda c: "/calendar/?month=2026-12",
        SIGNED_IN,
        {"other_learner": ("Команда Кузбасса",), "other_mentor": ("Команда Кузбасса",)},
    ),
    ("calendar week", "get", lambda c: "/calendar/week/?week=2026-12-14", SIGNED_IN, {}),
    ("calendar feed settings", "get", lambda c: "/calendar/feed/", SIGNED_IN, {}),
    # Public by its secret: whoever has the address gets the captain's calendar.
    ("calendar feed", "get", lambda c: f"/calendar/{c['feed_key']}.ics", set(ROLES), {}),
    ("calendar feed revoked", "get", lambda c: f"/calendar/{c['revoked_key']}.ics", set(), {}),
    # After the feed rows: creating a new address revokes the captain's.
    ("calendar feed create", "post", lambda c: "/calendar/feed/", SIGNED_IN, {}),
]
# Public addresses a denial answers without asking anyone to sign in.
PUBLIC = {"API without a token", "calendar feed revoked"}

# What the POST rows send (an allowed role then gets its redirect, not a form error).
POSTED = {
    "bulk issue": {"scope": "all"},
    "peer review: a draft": {"draft": "1", "comment": "Черновик."},
    "peer stage: move the phase": {"action": "move", "phase": "mentor_grading"},
    "feedback: new thread": {"anchor": "field:narrative", "body": "Уточните замысел."},
    "feedback: reply": {"body": "Ответ."},
    "site booking decision": {"decision": "confirm"},
    "cohort board: new topic": {"title": "Вопрос", "body": "Текст."},
    "topic: reply": {"body": "Ответ."},
    "topic: moderate": {"action": "hide", "reason": "Проверка прав."},
    "calendar feed create": {"action": "create"},
}


@pytest.fixture
def world(demo, django_capture_on_commit_callbacks):
    certificate = certified_graduate(demo)
    complete_program(demo, demo.users["kuzbass_member"])
    with django_capture_on_commit_callbacks(execute=True):
        job = start_bulk_issue(cohort=demo.cohort, started_by=demo.users["admin"])
        archive = request_archive(cohort=demo.cohort, requested_by=demo.users["admin"])
    lead_mentor = user_create(
        email="lead@demo.test",
        password=None,
        last_name="Ведущая",
        first_name="Наставница",
        roles=("mentor",),
    )
    demo.cohort.lead_mentor = lead_mentor
    demo.cohort.save()
    users = {
        "learner": demo.users["kuzbass_member"],
        "captain": demo.users["kuzbass_captain"],
        "other_learner": demo.users["omsk_member"],
        "mentor": demo.users["mentor"],
        "other_mentor": second_mentor_for_omsk(demo, assign=False),
        "lead_mentor": lead_mentor,
        "admin": demo.users["admin"],
    }
    route = certificate.holder.memberships.get().team.routes.get()
    peer_assignment(demo)
    move_peer_phase(
        assignment=demo.assignment, cohort=demo.cohort, phase="peer_review", by=demo.users["admin"]
    )
    _revoked, revoked_key = create_calendar_feed(user=demo.users["kuzbass_captain"])
    _feed, feed_key = create_calendar_feed(user=demo.users["kuzbass_captain"])
    return {
        "allocation": PeerAllocation.objects.get(design=route),
        "feed_key": feed_key,
        "revoked_key": revoked_key,
        "cohort": demo.cohort,
        "route": route,
        "thread": comment_on_stop(demo, route),
        "certificate": certificate,
        "job": job,
        "archive": archive,
        "victim": demo.users["omsk_captain"],
        "booking": dated_submitted(demo, team_of_another_cohort(demo)).bookings.first(),
        **_boards(demo, users),
        "users": users,
    }


def _boards(demo, users) -> dict:
    """A topic on the cohort's board (by the learner, a reply by the captain), a topic on the
    Kuzbass team's board and an announcement by the admin to the whole cohort."""
    from community import services as community

    topic = cohort_topic(demo, author=users["learner"])
    return {
        "topic": topic,
        "reply": community.reply_to_topic(topic=topic, author=users["captain"], body="Ответ."),
        "team": kuzbass(demo),
        "team_topic": team_topic(demo, author=users["captain"]),
        "announcement": community.post_announcement(
            cohort=demo.cohort, author=users["admin"], title="Объявление", body="Текст."
        ),
    }


def _content(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, world, role):
    if role != "anonymous":
        login(client, world["users"][role])
    problems = []
    for what, method, url, allowed, hidden in TABLE:
        path = url(world)
        data = POSTED.get(what, {})
        response = getattr(client, method)(path, data)
        status = response.status_code
        if role in allowed:
            if status not in (200, 302) or (
                status == 302 and "/accounts/login/" in response["Location"]
            ):
                problems.append(f"{what}: allowed, got {status}")
            elif status == 200:
                body = _content(response)
                leaked = [text for text in hidden.get(role, ()) if text in body]
                if leaked:
                    problems.append(f"{what}: shows {leaked}")
        elif role == "anonymous" and what not in PUBLIC:
            if not (status == 302 and "/accounts/login/" in response["Location"]):
                problems.append(f"{what}: anonymous got {status}, not the sign-in page")
        elif status not in (401, 403, 404):
            problems.append(f"{what}: should be denied, got {status}")
    assert problems == [], f"{role}: {problems}"
