"""Feedback threads on a route: a mentor opens one on a stop or a field of a submitted version,
the team replies once a review of that version is published, the mentor resolves or reopens
it. Every message and every change of status is a row; each function is one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.messages import clean_message
from core.notifications import notify

from ..models import THREAD_FIELDS, FeedbackThread, Review, RouteDesign, ThreadMessage
from ..selectors import can_review

BODY_MAX = 4000


def may_moderate(user, design: RouteDesign) -> bool:
    """The team's mentors (its own, the cohort's) and the cohort's lead mentor."""
    return design.team.cohort.lead_mentor_id == user.pk or can_review(user, design)


def is_published(version) -> bool:
    """Whether the team may see threads opened on `version`: a review of it has been
    published (a regrade that reopens it later does not hide them again)."""
    return version.reviews.filter(published_at__isnull=False).exists()


def _body(body: str) -> str:
    return clean_message(body, limit=BODY_MAX)


def _members(design):
    return [m.user for m in design.team.memberships.select_related("user").order_by("id")]


def _latest_submitted(design):
    return design.versions.filter(submitted_at__isnull=False).order_by("-number").first()


@transaction.atomic
def open_thread(
    *, version, author, body: str, stop_key: str | None = None, field_name: str = ""
) -> FeedbackThread:
    """A mentor's comment on one stop (by its key) or one field of the latest submitted
    version. The team is told now if a review of the version is out, else when it is."""
    design = RouteDesign.objects.select_related("team__cohort").get(pk=version.design_id)
    if not may_moderate(author, design):
        raise PermissionDenied("only the team's mentors comment on its route")
    latest = _latest_submitted(design)
    if latest is None or latest.pk != version.pk:
        raise ValidationError(_("Замечания оставляют к последней отправленной версии."))
    body = _body(body)
    if stop_key:
        if not version.stops.filter(key=stop_key).exists():
            raise ValidationError(_("В этой версии нет такой остановки."))
        anchor = {"anchor": FeedbackThread.Anchor.STOP, "stop_key": stop_key}
    elif field_name in THREAD_FIELDS:
        anchor = {"anchor": FeedbackThread.Anchor.FIELD, "field_name": field_name}
    else:
        raise ValidationError(_("Выберите остановку или поле маршрута."))
    now = timezone.now()
    thread = FeedbackThread.objects.create(
        design=design, version=version, opened_by=author, opened_at=now, **anchor
    )
    message = ThreadMessage.objects.create(
        thread=thread, author=author, body=body, version=version, at=now
    )
    if is_published(version):
        _tell(_members(design), thread, message, to_team=True)
    return thread


@transaction.atomic
def reply_to_thread(*, thread: FeedbackThread, author, body: str) -> ThreadMessage:
    """A message in the thread: from a member of the team (once the thread is published to it)
    or from a mentor. The other side is notified."""
    thread = FeedbackThread.objects.select_for_update().get(pk=thread.pk)
    design = RouteDesign.objects.select_related("team__cohort", "team__mentor").get(
        pk=thread.design_id
    )
    members = _members(design)
    is_member = any(m.pk == author.pk for m in members)
    if is_member:
        if not is_published(thread.version):
            raise PermissionDenied("the thread is part of an unpublished review")
    elif not may_moderate(author, design):
        raise PermissionDenied("neither the team nor its mentor")
    body = _body(body)
    message = ThreadMessage.objects.create(
        thread=thread,
        author=author,
        body=body,
        version=_latest_submitted(design),
        at=timezone.now(),
    )
    if is_member:
        _tell(_mentors_of(thread, design), thread, message, to_team=False)
    elif is_published(thread.version):
        _tell(members, thread, message, to_team=True)
    return message


def _mentors_of(thread, design) -> list:
    """Who answers for the thread on the mentors' side: the mentors who wrote in it, and the
    team's mentor."""
    members = set(design.team.memberships.values_list("user_id", flat=True))
    people = {}
    for entry in thread.messages.select_related("author"):
        if entry.author_id not in members:
            people[entry.author_id] = entry.author
    if design.team.mentor_id:
        people.setdefault(design.team.mentor_id, design.team.mentor)
    return list(people.values())


def _tell(users, thread, message, *, to_team: bool) -> None:
    path = f"/routes/{thread.design_id}/" if to_team else f"/routes/{thread.design_id}/review/"
    notify(
        users,
        template="feedback_message",
        context={"thread": thread, "message": message, "path": path},
        url=f"{path}#thread-{thread.pk}",
    )


@transaction.atomic
def set_thread_status(*, thread: FeedbackThread, by, resolved: bool) -> FeedbackThread:
    """The mentor resolves the thread or opens it again (the team may not); a row records it."""
    thread = FeedbackThread.objects.select_for_update().get(pk=thread.pk)
    design = RouteDesign.objects.select_related("team__cohort").get(pk=thread.design_id)
    if not may_moderate(by, design):
        raise PermissionDenied("only the team's mentors resolve threads")
    wanted = FeedbackThread.Status.RESOLVED if resolved else FeedbackThread.Status.OPEN
    if thread.status == wanted:
        raise ValidationError(
            _("Замечание уже закрыто.") if resolved else _("Замечание уже открыто.")
        )
    now = timezone.now()
    thread.status = wanted
    thread.resolved_by = by if resolved else None
    thread.resolved_at = now if resolved else None
    thread.save(update_fields=["status", "resolved_by", "resolved_at"])
    ThreadMessage.objects.create(
        thread=thread,
        author=by,
        kind=ThreadMessage.Kind.RESOLVED if resolved else ThreadMessage.Kind.REOPENED,
        version=_latest_submitted(design),
        at=now,
    )
    return thread


def announce_threads(review: Review) -> None:
    """On a review's first publication for its version: tell the team, once, of the mentors'
    comments written on that version so far (none were sent while the review was a draft)."""
    earlier = (
        Review.objects.filter(version_id=review.version_id, published_at__isnull=False)
        .exclude(pk=review.pk)
        .exists()
    )
    if earlier or review.revisions.exists():
        return
    threads = list(FeedbackThread.objects.filter(version_id=review.version_id))
    if not threads:
        return
    notify(
        _members(review.version.design),
        template="feedback_published",
        context={"review": review, "count": len(threads)},
        url=f"/routes/{review.version.design_id}/#feedback",
    )
