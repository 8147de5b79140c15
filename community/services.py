"""Writing announcements and board posts, editing them (the replaced text kept as a revision
row), marking answers and moderating (event rows). One transaction each; whoever a post
mentions and whoever an announcement is for is told through core.notifications."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.messages import clean_message
from core.notifications import notify

from . import mentions, selectors
from .models import (
    Announcement,
    AnnouncementRecipient,
    AnnouncementRevision,
    BoardEvent,
    PostRevision,
    Reply,
    Topic,
)

TITLE_MAX = 200
BODY_MAX = 10_000
REASON_MAX = 1_000


def clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError(_("Напишите заголовок."))
    if len(title) > TITLE_MAX:
        raise ValidationError(
            _("Заголовок длиннее %(max)s знаков: сократите его.") % {"max": TITLE_MAX}
        )
    return title


def clean_body(body: str) -> str:
    return clean_message(body, limit=BODY_MAX)


def clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Укажите причину: её увидят администраторы."))
    if len(reason) > REASON_MAX:
        raise ValidationError(
            _("Причина длиннее %(max)s знаков: сократите её.") % {"max": REASON_MAX}
        )
    return reason


# Announcements


@transaction.atomic
def post_announcement(*, cohort, author, title: str, body: str, teams=()) -> Announcement:
    """An announcement to the whole cohort (no teams) or to the chosen teams of it; each
    recipient gets it once, on the dashboard and by e-mail."""
    whole, allowed = selectors.announce_scope(author, cohort)
    teams = list(teams)
    if not teams and not whole:
        if not allowed:
            raise PermissionDenied("neither an admin nor a mentor of the cohort")
        raise ValidationError(_("Выберите команды: вы наставник только у некоторых команд."))
    allowed_ids = {t.pk for t in allowed}
    if any(t.pk not in allowed_ids for t in teams):
        raise ValidationError(_("Можно писать только командам, которые вы ведёте."))
    announcement = Announcement.objects.create(
        cohort=cohort,
        author=author,
        title=clean_title(title),
        body=clean_body(body),
        created_at=timezone.now(),
    )
    if teams:
        announcement.teams.set(teams)
    people = selectors.announcement_recipients(cohort=cohort, teams=teams, author=author)
    AnnouncementRecipient.objects.bulk_create(
        [AnnouncementRecipient(announcement=announcement, user=p) for p in people],
        ignore_conflicts=True,
    )
    notify(
        people,
        template="announcement",
        context={"announcement": announcement, "cohort": cohort},
        url=f"/community/announcements/{announcement.pk}/",
    )
    return announcement


@transaction.atomic
def edit_announcement(*, announcement: Announcement, by, title: str, body: str) -> Announcement:
    """Its author changes the text; the text it had is kept. Nobody is told again."""
    announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if announcement.author_id != by.pk:
        raise PermissionDenied("only the author edits an announcement")
    title, body = clean_title(title), clean_body(body)
    if (title, body) == (announcement.title, announcement.body):
        return announcement
    now = timezone.now()
    AnnouncementRevision.objects.create(
        announcement=announcement,
        title=announcement.title,
        body=announcement.body,
        edited_by=by,
        edited_at=now,
    )
    announcement.title, announcement.body, announcement.edited_at = title, body, now
    announcement.save(update_fields=["title", "body", "edited_at"])
    return announcement


# Boards


def _tell_mentioned(*, text: str, before: str, topic: Topic, author, reply=None) -> None:
    """Notify the board's people the text mentions (and `before`, the text it replaced, did
    not): each once, never the author."""
    people = selectors.board_people(cohort=topic.cohort, team=topic.team)
    already = {p.pk for p in mentions.resolve(before, people)} if before else set()
    told = [p for p in mentions.resolve(text, people) if p.pk not in already and p.pk != author.pk]
    if not told:
        return
    anchor = f"#reply-{reply.pk}" if reply is not None else ""
    notify(
        told,
        template="board_mention",
        context={"topic": topic, "author": author, "text": text},
        url=f"/community/topics/{topic.pk}/{anchor}",
    )


@transaction.atomic
def start_topic(*, cohort, team=None, author, title: str, body: str) -> Topic:
    """A new topic on the cohort's board (team None) or on the team's."""
    if team is not None and team.cohort_id != cohort.pk:
        raise ValidationError(_("Команда не из этого потока."))
    if not selectors.may_read(author, cohort=cohort, team=team):
        raise PermissionDenied("not a reader of the board")
    now = timezone.now()
    topic = Topic.objects.create(
        cohort=cohort,
        team=team,
        author=author,
        title=clean_title(title),
        body=clean_body(body),
        created_at=now,
        last_activity_at=now,
    )
    _tell_mentioned(text=topic.body, before="", topic=topic, author=author)
    return topic


@transaction.atomic
def reply_to_topic(*, topic: Topic, author, body: str) -> Reply:
    topic = (
        Topic.objects.select_for_update(of=("self",))
        .select_related("cohort", "team")
        .get(pk=topic.pk)
    )
    if not selectors.may_read(author, cohort=topic.cohort, team=topic.team):
        raise PermissionDenied("not a reader of the board")
    if topic.is_hidden:
        raise ValidationError(_("Тема скрыта модератором: ответить в ней нельзя."))
    now = timezone.now()
    reply = Reply.objects.create(topic=topic, author=author, body=clean_body(body), created_at=now)
    topic.last_activity_at = now
    topic.save(update_fields=["last_activity_at"])
    _tell_mentioned(text=reply.body, before="", topic=topic, author=author, reply=reply)
    return reply


@transaction.atomic
def edit_topic(*, topic: Topic, by, title: str, body: str) -> Topic:
    """Its author changes the topic; the replaced text is kept, newly mentioned people told."""
    topic = (
        Topic.objects.select_for_update(of=("self",))
        .select_related("cohort", "team")
        .get(pk=topic.pk)
    )
    if topic.author_id != by.pk or topic.is_hidden:
        raise PermissionDenied("only the author edits a visible topic")
    title, body = clean_title(title), clean_body(body)
    if (title, body) == (topic.title, topic.body):
        return topic
    now = timezone.now()
    PostRevision.objects.create(
        topic=topic, title=topic.title, body=topic.body, edited_by=by, edited_at=now
    )
    before = topic.body
    topic.title, topic.body, topic.edited_at = title, body, now
    topic.save(update_fields=["title", "body", "edited_at"])
    _tell_mentioned(text=body, before=before, topic=topic, author=by)
    return topic


@transaction.atomic
def edit_reply(*, reply: Reply, by, body: str) -> Reply:
    reply = (
        Reply.objects.select_for_update(of=("self",))
        .select_related("topic__cohort", "topic__team")
        .get(pk=reply.pk)
    )
    if reply.author_id != by.pk or reply.is_hidden or reply.topic.is_hidden:
        raise PermissionDenied("only the author edits a visible reply")
    body = clean_body(body)
    if body == reply.body:
        return reply
    now = timezone.now()
    PostRevision.objects.create(reply=reply, body=reply.body, edited_by=by, edited_at=now)
    before = reply.body
    reply.body, reply.edited_at = body, now
    reply.save(update_fields=["body", "edited_at"])
    _tell_mentioned(text=body, before=before, topic=reply.topic, author=by, reply=reply)
    return reply


@transaction.atomic
def mark_answer(*, topic: Topic, reply: Reply | None, by) -> Topic:
    """A mentor of the board or an admin marks the reply as the topic's answer (None: takes
    the mark away). One answer a topic; every change is an event row."""
    topic = (
        Topic.objects.select_for_update(of=("self",))
        .select_related("cohort", "team")
        .get(pk=topic.pk)
    )
    if not selectors.may_mark_answer(by, cohort=topic.cohort, team=topic.team):
        raise PermissionDenied("only a mentor of the board or an admin marks the answer")
    if reply is not None and (reply.topic_id != topic.pk or reply.is_hidden):
        raise ValidationError(_("Ответом можно отметить только видимый ответ в этой теме."))
    if (reply.pk if reply else None) == topic.answer_id:
        return topic
    now = timezone.now()
    if topic.answer_id:
        BoardEvent.objects.create(
            topic=topic, reply_id=topic.answer_id, kind=BoardEvent.Kind.UNANSWER, by=by, at=now
        )
    if reply is not None:
        BoardEvent.objects.create(
            topic=topic, reply=reply, kind=BoardEvent.Kind.ANSWER, by=by, at=now
        )
    topic.answer = reply
    topic.save(update_fields=["answer"])
    return topic


@transaction.atomic
def moderate_post(*, topic: Topic, reply: Reply | None = None, by, hide: bool, reason: str = ""):
    """An admin hides a topic or a reply from learners, with a reason (admins still see it,
    marked), or shows it again. Each time an event row."""
    if not selectors.is_admin(by):
        raise PermissionDenied("only admins moderate")
    post = reply if reply is not None else topic
    model = type(post)
    post = model.objects.select_for_update().get(pk=post.pk)
    if reply is not None and post.topic_id != topic.pk:
        raise ValidationError(_("Ответ не из этой темы."))
    now = timezone.now()
    if hide:
        reason = clean_reason(reason)
        if post.is_hidden:
            raise ValidationError(_("Уже скрыто."))
        post.hidden_at, post.hidden_reason = now, reason
        kind = BoardEvent.Kind.HIDDEN
    else:
        if not post.is_hidden:
            raise ValidationError(_("Это и так видно всем."))
        reason = (reason or "").strip()[:REASON_MAX]
        post.hidden_at, post.hidden_reason = None, ""
        kind = BoardEvent.Kind.SHOWN
    post.save(update_fields=["hidden_at", "hidden_reason"])
    BoardEvent.objects.create(topic=topic, reply=reply, kind=kind, reason=reason, by=by, at=now)
    if hide and reply is not None and topic.answer_id == reply.pk:
        Topic.objects.filter(pk=topic.pk).update(answer=None)
        BoardEvent.objects.create(
            topic=topic, reply=reply, kind=BoardEvent.Kind.UNANSWER, by=by, at=now
        )
    return post
