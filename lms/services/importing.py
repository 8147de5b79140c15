"""Applying a spreadsheet import that its preview (lms.importing.plan_import) showed."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..importing import ImportPlan, plan_import
from ..models import Cohort, Membership, Team
from ..roles import LEARNER
from ..signals import members_joined
from .invitations import send_invitations


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
            for name in row.changes:
                if name != "role":
                    setattr(user, name, v[name])
            user.save(update_fields=[n for n in row.changes if n != "role"] or None)
    User.objects.bulk_create(invited, batch_size=1000)
    learners = Group.objects.get_or_create(name=LEARNER)[0]
    learners.user_set.add(*invited)
    existing = dict(Membership.objects.filter(cohort=cohort).values_list("user_id", "id"))
    new_memberships, role_changes = [], []
    for row in plan.rows:
        user = users[row.values["email"]]
        team = teams[row.values["team"].lower()]
        if user.pk not in existing:
            new_memberships.append(
                Membership(team=team, cohort=cohort, user=user, role=row.values["role"])
            )
        elif "role" in row.changes:
            role_changes.append((existing[user.pk], row.values["role"]))
    Membership.objects.bulk_create(new_memberships, batch_size=1000)
    for membership_id, role in role_changes:
        Membership.objects.filter(pk=membership_id).update(role=role)
    members_joined.send(sender=Cohort, cohort=cohort, users=[m.user for m in new_memberships])
    if invited:
        send_invitations([u.pk for u in invited], cohort_id=cohort.pk)
    return plan
