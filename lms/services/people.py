"""People and teams: creating users with roles, teams and memberships."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ..models import Cohort, ImportBatch, Membership, Region, Team, TeamChange
from ..roles import CERTIFICATE_ADMIN, has_role
from ..signals import members_joined


def user_create(
    *,
    email: str,
    password: str | None,
    last_name: str,
    first_name: str,
    middle_name: str = "",
    roles: tuple[str, ...] = (),
    is_superuser: bool = False,
):
    """Create a user in the given role groups (an unusable password if none is given)."""
    User = get_user_model()
    user = User(
        email=email.lower(),
        last_name=last_name,
        first_name=first_name,
        middle_name=middle_name,
        is_staff=is_superuser,
        is_superuser=is_superuser,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    for role in roles:
        # The groups come from a data migration; get_or_create keeps a flushed test DB working.
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def team_create(*, cohort: Cohort, region: Region, name: str, mentor=None) -> Team:
    team = Team(cohort=cohort, region=region, name=name, mentor=mentor)
    team.full_clean()
    team.save()
    if mentor is not None:
        cohort.mentors.add(mentor)
    return team


@transaction.atomic
def member_add(
    *, team: Team, user, role: str = Membership.Role.MEMBER, by=None, reason: str = ""
) -> Membership:
    """Put the learner in the team, recorded in its history; courses enrols them in its cohort
    (`members_joined`). Unchecked and untold: the teams page uses team_member_add."""
    membership = Membership(team=team, cohort=team.cohort, user=user, role=role)
    membership.full_clean()
    membership.save()
    kinds = [TeamChange.Kind.ADD]
    if role == Membership.Role.CAPTAIN:
        kinds.append(TeamChange.Kind.CAPTAIN)
    TeamChange.objects.bulk_create(
        TeamChange(cohort=team.cohort, team=team, person=user, kind=k, by=by, reason=reason)
        for k in kinds
    )
    members_joined.send(sender=Cohort, cohort=team.cohort, users=[user])
    return membership


@transaction.atomic
def assign_mentor(*, team: Team, mentor, by) -> Team:
    """An admin gives the team a mentor of its cohort (or none)."""
    if not has_role(by, CERTIFICATE_ADMIN):
        raise PermissionDenied("only admins allocate mentors")
    if mentor is not None and not team.cohort.mentors.filter(pk=mentor.pk).exists():
        raise ValidationError("Наставник не закреплён за этим потоком.")
    team.mentor = mentor
    team.save(update_fields=["mentor"])
    return team


def import_batch_keep(*, cohort: Cohort, uploaded_by, filename: str, data: bytes):
    """Keep an uploaded spreadsheet between its preview and the admin's confirmation."""
    return ImportBatch.objects.create(
        cohort=cohort, uploaded_by=uploaded_by, filename=filename, data=data
    )
