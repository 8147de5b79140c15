"""The cohort's team composition: admins and the cohort's lead mentor add, move and remove
members and change captains, each with a reason; the page lists every change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lms import services
from lms.models import Cohort
from lms.roles import CERTIFICATE_ADMIN, has_role, may_change_teams
from lms.selectors import team_roster

from ..forms import CaptainChangeForm, MemberAddForm, MemberMoveForm, MemberRemoveForm

FORMS = {
    "add": MemberAddForm,
    "move": MemberMoveForm,
    "remove": MemberRemoveForm,
    "captain": CaptainChangeForm,
}


def _apply(action: str, data: dict, by) -> str:
    """Call the action's service; the message to show once it is done."""
    reason = data["reason"]
    if action == "add":
        services.team_member_add(team=data["team"], user=data["email"], by=by, reason=reason)
        return _("%(name)s добавлен(а) в команду «%(team)s».") % {
            "name": data["email"].full_name,
            "team": data["team"].name,
        }
    person = data["person"]
    new_captain = data.get("new_captain")
    new_captain = new_captain.user if new_captain else None
    if action == "move":
        services.team_member_move(
            user=person.user,
            to_team=data["to_team"],
            by=by,
            reason=reason,
            new_captain=new_captain,
        )
        return _("%(name)s переведён(а) в команду «%(team)s».") % {
            "name": person.user.full_name,
            "team": data["to_team"].name,
        }
    if action == "remove":
        services.team_member_remove(
            membership=person, by=by, reason=reason, new_captain=new_captain
        )
        return _("%(name)s исключён(а) из команды «%(team)s».") % {
            "name": person.user.full_name,
            "team": person.team.name,
        }
    services.team_captain_change(team=person.team, new_captain=person.user, by=by, reason=reason)
    return _("%(name)s — капитан команды «%(team)s».") % {
        "name": person.user.full_name,
        "team": person.team.name,
    }


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def team_composition(request, cohort_id: int):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    if not may_change_teams(request.user, cohort):
        raise PermissionDenied
    roster = team_roster(cohort)
    forms = {action: form(roster, prefix=action) for action, form in FORMS.items()}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in FORMS:
            messages.error(request, _("Неизвестное действие."))
            return redirect("cohort_team_members", cohort_id=cohort.pk)
        form = forms[action] = FORMS[action](roster, request.POST, prefix=action)
        if form.is_valid():
            try:
                done = _apply(action, form.cleaned_data, request.user)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, done)
                return redirect("cohort_team_members", cohort_id=cohort.pk)
        status = 400
    return render(
        request,
        "lms/team_composition.html",
        {
            "cohort": cohort,
            "roster": roster,
            "forms": forms,
            "is_admin": has_role(request.user, CERTIFICATE_ADMIN),
        },
        status=status,
    )
