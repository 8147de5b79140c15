"""A team's composition after it is formed: adding, moving, removing a member, changing the
captain. Each is one transaction, records a TeamChange row and notifies the people concerned.

A learner is in one team per cohort; a team with members has exactly one captain. Removing a
member deletes their Membership only: their enrolment, lesson progress, quiz attempts, scores
and contribution notes are rows of their own and stay; without a team they are not eligible
for a certificate.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.notifications import notify

from ..models import Cohort, Membership, Team, TeamChange
from ..roles import may_change_teams
from ..signals import members_joined


def _lock(cohort_id: int, by) -> Cohort:
    """The cohort, locked: its compositions and imports change one at a time."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort_id)
    if by is not None and not may_change_teams(by, cohort):
        raise PermissionDenied("only admins and the cohort's lead mentor change teams")
    return cohort


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Укажите основание изменения.")})
    return reason[:1000]


def _room(cohort: Cohort, team: Team) -> None:
    if team.memberships.count() >= cohort.max_team_size:
        raise ValidationError(
            {
                "team": _("В команде «%(team)s» уже %(n)s участников — больше в потоке нельзя.")
                % {"team": team.name, "n": cohort.max_team_size}
            }
        )


def _successor(membership: Membership, new_captain, field: str = "new_captain"):
    """The member who leads the team once `membership` leaves it: none is needed unless the
    one leaving is the captain of a team that keeps other members; then it must be one of them."""
    others = {
        m.user_id: m
        for m in Membership.objects.filter(team_id=membership.team_id).exclude(pk=membership.pk)
    }
    leaving_captain = membership.role == Membership.Role.CAPTAIN
    if new_captain is None:
        if leaving_captain and others:
            raise ValidationError(
                {
                    field: _(
                        "%(name)s — капитан команды «%(team)s»: выберите нового капитана "
                        "из её участников."
                    )
                    % {"name": membership.user.full_name, "team": membership.team.name}
                }
            )
        return None
    if not leaving_captain:
        raise ValidationError(
            {field: _("Нового капитана выбирают, только когда команду покидает капитан.")}
        )
    successor = others.get(new_captain.pk)
    if successor is None:
        raise ValidationError(
            {
                field: _("%(name)s не состоит в команде «%(team)s».")
                % {"name": new_captain.full_name, "team": membership.team.name}
            }
        )
    return successor


def _make_captain(membership: Membership, *, by, reason: str) -> TeamChange:
    Membership.objects.filter(team_id=membership.team_id, role=Membership.Role.CAPTAIN).exclude(
        pk=membership.pk
    ).update(role=Membership.Role.MEMBER)
    membership.role = Membership.Role.CAPTAIN
    membership.save(update_fields=["role"])
    return TeamChange.objects.create(
        cohort_id=membership.cohort_id,
        team_id=membership.team_id,
        person=membership.user,
        kind=TeamChange.Kind.CAPTAIN,
        by=by,
        reason=reason,
    )


def _tell(change: TeamChange, *teams: Team, extra=()) -> None:
    """The person, everyone in the teams involved (as they are now) and those teams' mentors."""
    people = {change.person.pk: change.person}
    for user in extra:
        people.setdefault(user.pk, user)
    for membership in Membership.objects.filter(team__in=teams).select_related("user"):
        people.setdefault(membership.user_id, membership.user)
    for team in teams:
        if team.mentor is not None:
            people.setdefault(team.mentor.pk, team.mentor)
    notify(
        people.values(),
        template="team_changed",
        context={"change": change},
        url="/dashboard/",
    )


def member_move(membership: Membership, *, to_team: Team, role: str, by, reason: str):
    """Put a member in another team of the cohort and record it; no checks (the callers check:
    team_member_move, the import)."""
    old_team = membership.team
    membership.team = to_team
    membership.role = role
    membership.save(update_fields=["team", "role"])
    change = TeamChange.objects.create(
        cohort_id=to_team.cohort_id,
        team=to_team,
        other_team=old_team,
        person=membership.user,
        kind=TeamChange.Kind.MOVE,
        by=by,
        reason=reason,
    )
    return old_team, change


@transaction.atomic
def team_member_add(*, team: Team, user, by, reason: str) -> Membership:
    """Put a person in the team (its captain if it has nobody yet); they are enrolled in the
    cohort as an import enrols them. Refused for someone already in a team of the cohort."""
    cohort = _lock(team.cohort_id, by)
    reason = _reason(reason)
    current = Membership.objects.filter(cohort=cohort, user=user).select_related("team").first()
    if current is not None:
        raise ValidationError(
            {
                "email": _(
                    "%(name)s уже в команде «%(team)s» этого потока: переведите, а не добавляйте."
                )
                % {"name": user.full_name, "team": current.team.name}
            }
        )
    _room(cohort, team)
    if (
        cohort.capacity is not None
        and not cohort.enrollments.filter(user=user).exists()
        and cohort.enrollments.count() >= cohort.capacity
    ):
        raise ValidationError(_("В потоке нет мест (не больше %(n)s).") % {"n": cohort.capacity})
    empty = not team.memberships.exists()
    role = Membership.Role.CAPTAIN if empty else Membership.Role.MEMBER
    membership = Membership(team=team, cohort=cohort, user=user, role=role)
    membership.full_clean()
    membership.save()
    members_joined.send(sender=Cohort, cohort=cohort, users=[user])
    change = TeamChange.objects.create(
        cohort=cohort, team=team, person=user, kind=TeamChange.Kind.ADD, by=by, reason=reason
    )
    if empty:
        TeamChange.objects.create(
            cohort=cohort,
            team=team,
            person=user,
            kind=TeamChange.Kind.CAPTAIN,
            by=by,
            reason=reason,
        )
    _tell(change, team)
    return membership


@transaction.atomic
def team_member_move(*, user, to_team: Team, by, reason: str, new_captain=None) -> Membership:
    """Move a member to another team of the same cohort. Moving a captain who leaves others
    behind needs `new_captain`, one of them. The mover joins as a member (captain of an
    empty team)."""
    cohort = _lock(to_team.cohort_id, by)
    reason = _reason(reason)
    membership = (
        Membership.objects.filter(cohort=cohort, user=user)
        .select_related("team__mentor", "user")
        .first()
    )
    if membership is None:
        raise ValidationError(
            {
                "person": _("%(name)s не состоит ни в одной команде этого потока.")
                % {"name": user.full_name}
            }
        )
    if membership.team_id == to_team.pk:
        raise ValidationError(
            {
                "to_team": _("%(name)s уже в команде «%(team)s».")
                % {"name": user.full_name, "team": to_team.name}
            }
        )
    _room(cohort, to_team)
    successor = _successor(membership, new_captain)
    empty = not to_team.memberships.exists()
    role = Membership.Role.CAPTAIN if empty else Membership.Role.MEMBER
    old_team, change = member_move(membership, to_team=to_team, role=role, by=by, reason=reason)
    if successor is not None:
        _make_captain(successor, by=by, reason=reason)
    if empty:
        _make_captain(membership, by=by, reason=reason)
    _tell(change, old_team, to_team)
    return membership


@transaction.atomic
def team_member_remove(*, membership: Membership, by, reason: str, new_captain=None) -> TeamChange:
    """Take a dropout out of their team. Their enrolment and everything they did stay; without
    a team they are no longer eligible for a certificate. A captain leaving others behind
    needs `new_captain`, one of them."""
    _lock(membership.cohort_id, by)
    reason = _reason(reason)
    membership = Membership.objects.select_related("team__mentor", "user").get(pk=membership.pk)
    successor = _successor(membership, new_captain)
    team = membership.team
    if successor is not None:
        _make_captain(successor, by=by, reason=reason)
    change = TeamChange.objects.create(
        cohort_id=membership.cohort_id,
        team=team,
        person=membership.user,
        kind=TeamChange.Kind.REMOVE,
        by=by,
        reason=reason,
    )
    membership.delete()
    _tell(change, team)
    return change


@transaction.atomic
def team_captain_change(*, team: Team, new_captain, by, reason: str) -> TeamChange:
    """Make one of the team's members its captain; the former captain stays as a member."""
    _lock(team.cohort_id, by)
    reason = _reason(reason)
    membership = (
        Membership.objects.filter(team=team, user=new_captain).select_related("user").first()
    )
    if membership is None:
        raise ValidationError(
            {
                "person": _("%(name)s не состоит в команде «%(team)s».")
                % {"name": new_captain.full_name, "team": team.name}
            }
        )
    if membership.role == Membership.Role.CAPTAIN:
        raise ValidationError(
            {"person": _("%(name)s уже капитан этой команды.") % {"name": new_captain.full_name}}
        )
    change = _make_captain(membership, by=by, reason=reason)
    _tell(change, Team.objects.select_related("mentor").get(pk=team.pk))
    return change


def import_move(membership: Membership, *, to_team: Team, role: str, by, reason: str) -> None:
    """A move the spreadsheet import asked for (its plan checked it): recorded and told as
    a move on the teams page is. Runs inside the import's transaction."""
    old_team, change = member_move(membership, to_team=to_team, role=role, by=by, reason=reason)
    if role == Membership.Role.CAPTAIN:
        TeamChange.objects.create(
            cohort_id=to_team.cohort_id,
            team=to_team,
            person=membership.user,
            kind=TeamChange.Kind.CAPTAIN,
            by=by,
            reason=reason,
        )
    _tell(change, old_team, to_team)
