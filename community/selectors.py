"""Who may read and write where, and the reads the pages make (a fixed number of queries
each, however many topics, replies and announcements there are)."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from courses.models import Enrollment
from lms.models import Cohort, Membership, Team
from lms.roles import CERTIFICATE_ADMIN, has_role

from .models import Announcement, Reply, Topic

TOPICS_PER_PAGE = 20


def is_admin(user) -> bool:
    return has_role(user, CERTIFICATE_ADMIN)


def _cohort_mentor_q(cohort_id) -> Q:
    """Users who mentor the cohort as a whole: its mentors and its lead mentor."""
    return Q(mentored_cohorts=cohort_id) | Q(led_cohorts=cohort_id)


def mentors_cohort(user, cohort: Cohort) -> bool:
    """The cohort's mentors and its lead mentor speak to the whole cohort."""
    if not user.is_authenticated:
        return False
    return (
        cohort.lead_mentor_id == user.pk
        or cohort.mentors.through.objects.filter(cohort_id=cohort.pk, user_id=user.pk).exists()
    )


def may_read_cohort_board(user, cohort: Cohort) -> bool:
    """Admins, the cohort's mentors (its own, its lead, its teams'), its learners."""
    if not user.is_authenticated:
        return False
    if is_admin(user) or cohort.lead_mentor_id == user.pk:
        return True
    return (
        get_user_model()
        .objects.filter(pk=user.pk)
        .filter(
            Exists(Enrollment.objects.filter(user=OuterRef("pk"), cohort=cohort))
            | Exists(Membership.objects.filter(user=OuterRef("pk"), cohort=cohort))
            | Exists(Team.objects.filter(mentor=OuterRef("pk"), cohort=cohort))
            | Exists(Cohort.mentors.through.objects.filter(user=OuterRef("pk"), cohort=cohort))
        )
        .exists()
    )


def may_moderate_team(user, team: Team) -> bool:
    """The team's mentors: its own, the cohort's mentors and lead mentor; and admins."""
    if not user.is_authenticated:
        return False
    return is_admin(user) or team.mentor_id == user.pk or mentors_cohort(user, team.cohort)


def may_read_team_board(user, team: Team) -> bool:
    """Only the team's members, its mentors and admins."""
    if may_moderate_team(user, team):
        return True
    return Membership.objects.filter(team=team, user=user).exists()


def may_read(user, *, cohort: Cohort, team: Team | None) -> bool:
    if team is None:
        return may_read_cohort_board(user, cohort)
    return may_read_team_board(user, team)


def may_mark_answer(user, *, cohort: Cohort, team: Team | None) -> bool:
    """A mentor of the board (of the cohort, or of the team) or an admin."""
    if team is not None:
        return may_moderate_team(user, team)
    if not user.is_authenticated:
        return False
    return (
        is_admin(user)
        or mentors_cohort(user, cohort)
        or Team.objects.filter(cohort=cohort, mentor=user).exists()
    )


def announce_scope(user, cohort: Cohort) -> tuple[bool, list[Team]]:
    """Whether the user may write to the whole cohort, and the teams they may write to: all
    of them for admins and the cohort's mentors, a team's mentor only their own teams."""
    if not user.is_authenticated:
        return False, []
    teams = Team.objects.filter(cohort=cohort).order_by("name")
    if is_admin(user) or mentors_cohort(user, cohort):
        return True, list(teams)
    return False, list(teams.filter(mentor=user))


def board_people(*, cohort: Cohort, team: Team | None):
    """Everyone who reads the board, in one query: the people a post may mention."""
    if team is None:
        audience = (
            Q(enrollments__cohort=cohort)
            | Q(memberships__cohort=cohort)
            | Q(mentored_teams__cohort=cohort)
        )
    else:
        audience = Q(memberships__team=team) | Q(pk=team.mentor_id or 0)
    audience |= _cohort_mentor_q(cohort.pk)
    audience |= Q(groups__name=CERTIFICATE_ADMIN) | Q(is_superuser=True)
    return (
        get_user_model()
        .objects.filter(audience, is_active=True, anonymised_at__isnull=True)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def announcement_recipients(*, cohort: Cohort, teams, author) -> list:
    """Who an announcement reaches, each once: the cohort's learners and mentors, or the
    chosen teams' members and mentors; never its author."""
    if teams:
        team_ids = [t.pk for t in teams]
        audience = Q(memberships__team_id__in=team_ids) | Q(mentored_teams__in=team_ids)
    else:
        audience = (
            Q(enrollments__cohort=cohort)
            | Q(memberships__cohort=cohort)
            | Q(mentored_teams__cohort=cohort)
            | _cohort_mentor_q(cohort.pk)
        )
    return list(
        get_user_model()
        .objects.filter(audience, is_active=True)
        .exclude(pk=author.pk)
        .distinct()
        .order_by("pk")
    )


def topics_page(*, cohort: Cohort, team: Team | None, viewer, number):
    """One page of the board's topics, latest activity first, with their authors and reply
    counts (hidden topics and replies only for admins): two queries."""
    admin = is_admin(viewer)
    replies = Q() if admin else Q(replies__hidden_at__isnull=True)
    topics = (
        Topic.objects.filter(cohort=cohort, team=team)
        .select_related("author")
        .annotate(reply_count=Count("replies", filter=replies))
        .order_by("-last_activity_at", "-id")
    )
    if not admin:
        topics = topics.filter(hidden_at__isnull=True)
    return Paginator(topics, TOPICS_PER_PAGE).get_page(number)


def visible_topic(topic_id, viewer):
    """The topic with its board's cohort and team, or None where it is hidden from the viewer
    (an admin sees hidden ones) or the viewer may not read its board."""
    topic = (
        Topic.objects.select_related("author", "cohort", "team__cohort").filter(pk=topic_id).first()
    )
    if topic is None or not may_read(viewer, cohort=topic.cohort, team=topic.team):
        return None
    if topic.is_hidden and not is_admin(viewer):
        return None
    return topic


def topic_replies(topic: Topic, viewer) -> list[Reply]:
    """The topic's replies, oldest first, with their authors: one query (hidden ones only for
    admins)."""
    replies = topic.replies.select_related("author")
    if not is_admin(viewer):
        replies = replies.filter(hidden_at__isnull=True)
    return list(replies)


def announcements_for(user, *, limit: int = 5) -> list[Announcement]:
    """The newest announcements the user received, with authors and cohorts: one query."""
    if not user.is_authenticated:
        return []
    return list(
        Announcement.objects.filter(recipients__user=user)
        .select_related("author", "cohort")
        .order_by("-created_at", "-id")[:limit]
    )


def cohort_announcements(cohort: Cohort, *, viewer, limit: int = 50) -> list[Announcement]:
    """A cohort's announcements as its staff see them (those the viewer may read: all for
    admins and the cohort's mentors, else the ones they received or wrote), with the teams
    they went to: two queries."""
    announcements = Announcement.objects.filter(cohort=cohort).select_related("author")
    if not (is_admin(viewer) or mentors_cohort(viewer, cohort)):
        announcements = announcements.filter(Q(recipients__user=viewer) | Q(author=viewer))
    return list(
        announcements.distinct()
        .prefetch_related(Prefetch("teams", queryset=Team.objects.order_by("name")))
        .order_by("-created_at", "-id")[:limit]
    )


def visible_announcement(announcement_id, viewer):
    """The announcement, for its author, its recipients, admins and its cohort's mentors."""
    announcement = (
        Announcement.objects.select_related("author", "cohort")
        .prefetch_related("teams")
        .filter(pk=announcement_id)
        .first()
    )
    if announcement is None or not viewer.is_authenticated:
        return None
    if (
        announcement.author_id == viewer.pk
        or is_admin(viewer)
        or mentors_cohort(viewer, announcement.cohort)
        or announcement.recipients.filter(user=viewer).exists()
    ):
        return announcement
    return None


@dataclass
class CohortBoards:
    cohort: Cohort
    teams: list[Team] = field(default_factory=list)  # the team boards the user may open
    may_announce: bool = False


def my_boards(user) -> list[CohortBoards]:
    """The boards a person opens from «Обсуждения»: per cohort of theirs, its board and the
    team boards they may read. Three queries."""
    if not user.is_authenticated:
        return []
    admin = is_admin(user)
    cohorts = Cohort.objects.order_by("-starts_on", "pk")
    if not admin:
        cohorts = cohorts.filter(
            Q(enrollments__user=user)
            | Q(memberships__user=user)
            | Q(mentors=user)
            | Q(lead_mentor=user)
            | Q(teams__mentor=user)
        ).distinct()
    cohorts = list(cohorts)
    whole = {c.pk for c in cohorts if admin or c.lead_mentor_id == user.pk} | set(
        Cohort.mentors.through.objects.filter(
            user_id=user.pk, cohort_id__in=[c.pk for c in cohorts]
        ).values_list("cohort_id", flat=True)
    )
    teams = Team.objects.filter(cohort_id__in=[c.pk for c in cohorts]).order_by("name")
    boards = {c.pk: CohortBoards(cohort=c, may_announce=c.pk in whole) for c in cohorts}
    for team in teams.filter(
        Q(cohort_id__in=whole) | Q(mentor=user) | Q(memberships__user=user)
    ).distinct():
        boards[team.cohort_id].teams.append(team)
        if team.mentor_id == user.pk:
            boards[team.cohort_id].may_announce = True
    return list(boards.values())


def in_a_cohort(user) -> bool:
    """Whether the person has a board to open: admins, and anyone a cohort has as a learner or
    a mentor. One query (none for admins)."""
    if not user.is_authenticated:
        return False
    if is_admin(user):
        return True
    return (
        get_user_model()
        .objects.filter(pk=user.pk)
        .filter(
            Exists(Enrollment.objects.filter(user=OuterRef("pk")))
            | Exists(Membership.objects.filter(user=OuterRef("pk")))
            | Exists(Team.objects.filter(mentor=OuterRef("pk")))
            | Exists(Cohort.mentors.through.objects.filter(user=OuterRef("pk")))
            | Exists(Cohort.objects.filter(lead_mentor=OuterRef("pk")))
        )
        .exists()
    )


def personal_data(user) -> dict:
    """What the boards and announcements keep that the person wrote, for their data export."""
    return {
        "announcements_written": [
            {"cohort": a.cohort.title, "title": a.title, "body": a.body, "at": a.created_at}
            for a in Announcement.objects.filter(author=user).select_related("cohort")
        ],
        "board_topics": [
            {"title": t.title, "body": t.body, "at": t.created_at}
            for t in Topic.objects.filter(author=user)
        ],
        "board_replies": [
            {"topic": r.topic.title, "body": r.body, "at": r.created_at}
            for r in Reply.objects.filter(author=user).select_related("topic")
        ],
    }
