"""A team's route: starting it, saving drafts (with snapshots to restore), submitting it,
an admin's deadline extension. One transaction each."""

from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.notifications import notify
from lms.models import Membership
from lms.roles import CERTIFICATE_ADMIN, has_role

from .. import checklist
from ..models import (
    DeadlineExtension,
    RouteAssignmentPage,
    RouteAttachment,
    RouteDesign,
    RouteDesignVersion,
    RouteDraftSnapshot,
    RouteStop,
    RouteTransition,
)
from ..route_findings import findings_for_version
from ..snapshots import ROUTE_FIELDS, StopData, route_from_snapshot, route_snapshot
from .bookings import release_bookings, request_bookings


class RouteConflict(Exception):
    """Someone else saved the draft since this user loaded it."""

    def __init__(self, current: RouteDesignVersion):
        super().__init__("the draft changed since it was loaded")
        self.current = current


def record_transition(design, version, from_state, to_state, actor):
    RouteTransition.objects.create(
        design=design,
        version=version,
        from_state=from_state,
        to_state=to_state,
        actor=actor,
        at=timezone.now(),
    )


def team_membership(user, design: RouteDesign) -> Membership | None:
    return Membership.objects.filter(user=user, team_id=design.team_id).first()


def start_route(*, team, assignment: RouteAssignmentPage) -> RouteDesign:
    """The team's route for the assignment, with an empty first draft if it is new."""
    with transaction.atomic():
        extension = DeadlineExtension.objects.filter(team=team, assignment=assignment).last()
        design, created = RouteDesign.objects.get_or_create(
            team=team,
            assignment=assignment,
            defaults={"deadline_extended_to": extension.until if extension else None},
        )
        if created:
            RouteDesignVersion.objects.create(design=design, number=1)
    return design


def draft_of(design: RouteDesign) -> RouteDesignVersion | None:
    return design.versions.filter(submitted_at__isnull=True).order_by("-number").first()


@transaction.atomic
def save_route_draft(
    *,
    design: RouteDesign,
    user,
    stops: list[StopData],
    lock_version: int,
    autosave: bool = False,
    incomplete: dict | None = None,
    **content,
) -> RouteDesignVersion:
    """Replace the draft's content (the ROUTE_FIELDS given, and the stops).

    `incomplete` (an autosave of a half-filled form: {"fields": {name: raw}, "stops": [{...}]})
    is what the team typed that is not valid yet: kept in the save's snapshot, never in the
    draft, so the studio can show it again. Raises RouteConflict if the draft changed since
    `lock_version`.
    """
    unknown = set(content) - set(ROUTE_FIELDS)
    if unknown:
        raise TypeError(f"not route fields: {sorted(unknown)}")
    if team_membership(user, design) is None:
        raise PermissionDenied("only the team edits its route")
    for answer in (content.get("safety_answers") or {}).values():
        if checklist.answer_problem(answer) is not None:
            raise ValidationError(
                _("В чек-листе безопасности у каждого ответа «не нужно» должна быть причина.")
            )
    design = RouteDesign.objects.select_for_update().get(pk=design.pk)
    if design.state == RouteDesign.State.ACCEPTED:
        raise ValidationError(_("Маршрут принят; изменить его больше нельзя."))
    draft = draft_of(design)
    if draft is None:
        raise ValidationError(_("У маршрута нет черновика."))
    if draft.lock_version != lock_version:
        raise RouteConflict(draft)
    for name, value in content.items():
        setattr(draft, name, value)
    draft.lock_version += 1
    draft.updated_by = user
    draft.full_clean(exclude=["design", "updated_by", "submitted_by"])
    draft.save()
    draft.stops.all().delete()
    RouteStop.objects.bulk_create(stop.as_stop(draft, i) for i, stop in enumerate(stops, start=1))
    RouteDraftSnapshot.objects.create(
        design=design,
        version_number=draft.number,
        author=user,
        saved_at=timezone.now(),
        autosave=autosave,
        content=route_snapshot(draft, stops, incomplete=incomplete),
    )
    return draft


def restore_snapshot(*, design: RouteDesign, snapshot, user, lock_version: int):
    """Make an earlier save the current draft again (itself recorded as a new save)."""
    if snapshot.design_id != design.pk:
        raise PermissionDenied("snapshot of another route")
    fields, stops = route_from_snapshot(snapshot.content)
    return save_route_draft(
        design=design,
        user=user,
        stops=stops,
        lock_version=lock_version,
        incomplete=snapshot.content.get("incomplete"),
        **fields,
    )


@transaction.atomic
def submit_route(*, design: RouteDesign, user) -> RouteDesignVersion:
    """Freeze the draft as the submitted version and start the next draft from a copy."""
    membership = team_membership(user, design)
    if membership is None or membership.role != Membership.Role.CAPTAIN:
        raise PermissionDenied("only the captain submits")
    design = RouteDesign.objects.select_for_update().get(pk=design.pk)
    if design.state not in (RouteDesign.State.DRAFT, RouteDesign.State.RETURNED):
        raise ValidationError(_("Маршрут уже отправлен или принят."))
    cutoff = design.cutoff
    if cutoff is not None and timezone.now() > cutoff:
        raise ValidationError(
            _(
                "Приём работ закрыт %(when)s (%(zone)s): после этого маршрут отправить нельзя. "
                "Если нужна отсрочка, обратитесь к администратору программы."
            )
            % {
                "when": formats.date_format(
                    timezone.localtime(cutoff, ZoneInfo(design.assignment.time_zone)),
                    "j E Y, H:i",
                ),
                "zone": design.assignment.time_zone,
            }
        )
    draft = draft_of(design)
    if draft is None or not draft.title.strip():
        raise ValidationError(_("Дайте маршруту название перед отправкой."))
    stops = list(draft.stops.select_related("enterprise"))
    if len(stops) < 2:
        raise ValidationError(_("В маршруте должно быть хотя бы две остановки."))
    findings = findings_for_version(draft, stops=stops)
    errors = [f["message"] for f in findings if f["severity"] == "error"]
    if errors:
        raise ValidationError(
            _("Исправьте ошибки маршрута перед отправкой: %(errors)s")
            % {"errors": " ".join(errors)}
        )
    now = timezone.now()
    late = design.assignment.late_terms(design.deadline, now)
    draft.submitted_at = now
    draft.submitted_by = user
    draft.findings = findings
    draft.is_late = late.marked
    draft.late_by = late.late_by
    draft.late_penalty = late.penalty
    draft.save(
        update_fields=[
            "submitted_at",
            "submitted_by",
            "findings",
            "is_late",
            "late_by",
            "late_penalty",
        ]
    )

    request_bookings(version=draft, stops=stops, by=user)

    next_draft = RouteDesignVersion.objects.create(
        design=design,
        number=draft.number + 1,
        updated_by=user,
        **{name: getattr(draft, name) for name in ROUTE_FIELDS},
    )
    RouteStop.objects.bulk_create(
        StopData.of(stop).as_stop(next_draft, stop.position) for stop in stops
    )
    RouteAttachment.objects.bulk_create(
        RouteAttachment(
            version=next_draft,
            file=a.file.name,
            original_name=a.original_name,
            content_type=a.content_type,
            size=a.size,
            uploaded_by_id=a.uploaded_by_id,
            uploaded_at=a.uploaded_at,
        )
        for a in draft.attachments.all()
    )
    previous = design.state
    design.state = RouteDesign.State.SUBMITTED
    design.save(update_fields=["state", "updated_at"])
    record_transition(design, draft, previous, design.state, user)
    notify(
        mentors_of(design),
        template="route_submitted",
        context={"design": design, "version": draft},
        url="/reviews/",
    )
    # Every member is asked for their notes on who did what, open until the review is out.
    notify(
        [m.user for m in design.team.memberships.select_related("user")],
        template="contribution_requested",
        context={"design": design, "version": draft},
        url=f"/routes/{design.pk}/#contribution",
    )
    return draft


WITHDRAW_REASON_MAX_LENGTH = 500


@transaction.atomic
def withdraw_route(*, design: RouteDesign, user, reason: str) -> RouteDesignVersion:
    """The captain takes the submitted version back before its review is published: the
    route is a draft again (the next draft, made at submission, carries on), the version
    stays in the history marked withdrawn, the places it held at the sites are freed and the
    mentors are told. A mentor's unpublished draft review stays with the version."""
    membership = team_membership(user, design)
    if membership is None or membership.role != Membership.Role.CAPTAIN:
        raise PermissionDenied("only the captain withdraws")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Напишите, почему маршрут отзывается с проверки."))
    if len(reason) > WITHDRAW_REASON_MAX_LENGTH:
        raise ValidationError(
            _("Причина — не длиннее %(limit)d знаков.") % {"limit": WITHDRAW_REASON_MAX_LENGTH}
        )
    design = RouteDesign.objects.select_for_update().get(pk=design.pk)
    if design.state not in (RouteDesign.State.SUBMITTED, RouteDesign.State.IN_REVIEW):
        raise ValidationError(_("Отозвать можно только маршрут, который ждёт проверки."))
    version = (
        design.versions.filter(submitted_at__isnull=False, withdrawn_at__isnull=True)
        .order_by("-number")
        .first()
    )
    if version is None or version.reviews.filter(published_at__isnull=False).exists():
        raise ValidationError(_("Рецензия на эту версию уже опубликована: отозвать её нельзя."))
    version.withdrawn_at = timezone.now()
    version.withdrawn_by = user
    version.withdraw_reason = reason
    version.save(update_fields=["withdrawn_at", "withdrawn_by", "withdraw_reason"])
    release_bookings(
        design=design,
        by=user,
        note=_("Маршрут отозван с проверки: %(reason)s") % {"reason": reason},
    )
    previous = design.state
    design.state = RouteDesign.State.DRAFT
    design.save(update_fields=["state", "updated_at"])
    record_transition(design, version, previous, design.state, user)
    notify(
        mentors_of(design),
        template="route_withdrawn",
        context={"design": design, "version": version, "reason": reason},
        url="/reviews/",
    )
    return version


def mentors_of(design: RouteDesign) -> list:
    team = design.team
    if team.mentor_id:
        return [team.mentor]
    return list(team.cohort.mentors.all())


@transaction.atomic
def extend_deadline(*, team, assignment: RouteAssignmentPage, until, by, reason: str = ""):
    """An admin gives one team more time, whether or not it has started its route; later
    submissions are then not late, and the team's cut-off (days after its deadline) moves
    with it. Each extension is a row kept as the history; the latest
    counts. `until` is an aware datetime (the views read it in the assignment's zone)."""
    if not has_role(by, CERTIFICATE_ADMIN):
        raise PermissionDenied("only admins extend deadlines")
    if team.cohort.program_id != assignment.get_parent().pk:
        raise ValidationError(_("Это задание другой программы."))
    if until <= assignment.deadline:
        raise ValidationError(_("Новый срок должен быть позже общего."))
    extension = DeadlineExtension.objects.create(
        team=team,
        assignment=assignment,
        until=until,
        reason=reason.strip(),
        by=by,
        at=timezone.now(),
    )
    RouteDesign.objects.filter(team=team, assignment=assignment).update(
        deadline_extended_to=until, updated_at=timezone.now()
    )
    return extension
