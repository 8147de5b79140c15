"""Applying a spreadsheet import that its preview (lms.importing.plan_import) showed."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import record

from ..importing import ImportPlan, plan_import
from ..models import Cohort, ImportBatch, Membership, Team, TeamChange
from ..roles import LEARNER
from ..signals import members_joined
from .invitations import send_invitations
from .teams import import_move


@transaction.atomic
def apply_import(cohort: Cohort, filename: str, data: bytes, *, by) -> ImportPlan:
    """Write the whole plan or nothing; new users get an invitation after the commit."""
    Cohort.objects.select_for_update().get(pk=cohort.pk)  # one import per cohort at a time
    plan = plan_import(cohort, filename, data)
    if not plan.ok:
        raise ValidationError(_("В файле есть ошибки; ничего не импортировано."))
    User = get_user_model()
    teams = {t.name.lower(): t for t in Team.objects.filter(cohort=cohort)}
    for row in plan.rows:
        key = row.values["team"].lower()
        if key not in teams:
            teams[key] = Team.objects.create(
                cohort=cohort, region_id=row.values["region_id"], name=row.values["team"]
            )
    users = {
        u.email: u for u in User.objects.filter(email__in=[r.values["email"] for r in plan.rows])
    }
    invited = []
    for row in plan.rows:
        v = row.values
        user = users.get(v["email"])
        if user is None:
            user = User(email=v["email"], **{name: v[name] for name in plan.fields})
            user.set_unusable_password()
            invited.append(user)
            users[user.email] = user
        elif row.action == "update":
            profile = [name for name in row.changes if name not in ("role", "team")]
            for name in profile:
                setattr(user, name, v[name])
            if profile:
                user.save(update_fields=profile)
    User.objects.bulk_create(invited, batch_size=1000)
    learners = Group.objects.get_or_create(name=LEARNER)[0]
    learners.user_set.add(*invited)
    reason = _("Импорт из файла «%(file)s»") % {"file": filename}
    existing = {
        m.user_id: m
        for m in Membership.objects.filter(cohort=cohort).select_related("team__mentor", "user")
    }
    new_memberships, role_changes, moves = [], [], []
    for row in plan.rows:
        user = users[row.values["email"]]
        team = teams[row.values["team"].lower()]
        if user.pk not in existing:
            new_memberships.append(
                Membership(team=team, cohort=cohort, user=user, role=row.values["role"])
            )
        elif row.move_from:
            moves.append((existing[user.pk], team, row.values["role"]))
        elif "role" in row.changes:
            role_changes.append((existing[user.pk], row.values["role"]))
    Membership.objects.bulk_create(new_memberships, batch_size=1000)
    changes = [
        TeamChange(cohort=cohort, team=m.team, person=m.user, kind=kind, by=by, reason=reason)
        for m in new_memberships
        for kind in (TeamChange.Kind.ADD, TeamChange.Kind.CAPTAIN)
        if kind == TeamChange.Kind.ADD or m.role == Membership.Role.CAPTAIN
    ]
    for membership, role in role_changes:
        Membership.objects.filter(pk=membership.pk).update(role=role)
        if role == Membership.Role.CAPTAIN:
            changes.append(
                TeamChange(
                    cohort=cohort,
                    team=membership.team,
                    person=membership.user,
                    kind=TeamChange.Kind.CAPTAIN,
                    by=by,
                    reason=reason,
                )
            )
    TeamChange.objects.bulk_create(changes, batch_size=1000)
    # Moves one by one, after the captains of the teams they join are set: each is recorded
    # and told to the people of both teams, as a move on the teams page is.
    for membership, team, role in moves:
        import_move(membership, to_team=team, role=role, by=by, reason=reason)
    members_joined.send(sender=Cohort, cohort=cohort, users=[m.user for m in new_memberships])
    if invited:
        send_invitations([u.pk for u in invited], cohort_id=cohort.pk)
    record(
        cohort,
        "promtourism.import.apply",
        user=by,
        data={
            "file": filename,
            "created": plan.count("create"),
            "updated": plan.count("update"),
            "unchanged": plan.count("unchanged"),
            "moved": len(plan.moves),
        },
    )
    return plan


def purge_import_files(now=None) -> int:
    """Delete the uploaded spreadsheets older than IMPORT_FILE_RETENTION_DAYS (they list
    people); each import's result (counts, errors) stays, marked with the date. A daily beat
    task."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.IMPORT_FILE_RETENTION_DAYS)
    old = ImportBatch.objects.filter(created_at__lt=cutoff, file_deleted_at__isnull=True)
    deleted = 0
    for batch in old.only("pk", "filename", "cohort_id"):
        batch.delete_file()
        deleted += 1
    return deleted
