"""What a competence centre does every week: see where teams stand, export the grade book and
the certificate registry, allocate mentors and extend deadlines."""

import csv
import datetime as dt
import tempfile
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from assessments import services
from assessments.models import Quiz, RouteDesign
from assessments.selectors import route_assignments, team_deadlines
from assessments.services import auto_balance_mentors, extend_deadline
from certificates.models import Certificate
from certificates.selectors import cached_requirements
from core.params import int_param
from core.spreadsheets import safe_row
from courses.selectors import program_by_id
from lms.models import Cohort, Team
from lms.roles import CERTIFICATE_ADMIN, MENTOR, has_role, require_admin
from lms.selectors import visible_cohorts
from lms.services import assign_mentor

from .. import charts
from ..selectors import (
    GRADEBOOK_HEADER,
    cohort_report,
    gradebook_rows,
    mentor_workload,
    visible_teams,
)


def _require_staff(user):
    if not (has_role(user, CERTIFICATE_ADMIN) or has_role(user, MENTOR)):
        raise PermissionDenied


@login_required
def reports_index(request):
    _require_staff(request.user)
    return render(request, "reports/reports_index.html", {"cohorts": visible_cohorts(request.user)})


@login_required
def report(request, cohort_id: int):
    _require_staff(request.user)
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    cohort.program = program_by_id(cohort.program_id) or cohort.program
    region_id = request.GET.get("region", "")
    team_id = request.GET.get("team", "")
    teams_for_filter = list(visible_teams(cohort, request.user))
    need = cached_requirements(cohort.program)
    result = cohort_report(
        cohort,
        viewer=request.user,
        region_id=int_param(request.GET, "region"),
        team_id=int_param(request.GET, "team"),
        visible=teams_for_filter,
        need=need,
    )
    return render(
        request,
        "reports/report.html",
        {
            "cohort": cohort,
            "report": result,
            "regions": sorted({t.region for t in teams_for_filter}, key=lambda r: r.name),
            "teams": teams_for_filter,
            "region_id": region_id,
            "team_id": team_id,
            "workload": mentor_workload(cohort, teams=teams_for_filter, routes=result.routes)
            if has_role(request.user, CERTIFICATE_ADMIN)
            else None,
            "is_admin": has_role(request.user, CERTIFICATE_ADMIN),
            "charts": _charts(cohort, result),
            # For a learner's row: an extra attempt at one of the programme's quizzes.
            "quizzes": list(Quiz.objects.filter(pk__in=need.quiz_ids).only("id", "title")),
        },
    )


def _charts(cohort, result) -> list:
    team_ids = {line.team.pk for line in result.teams}
    built = [
        charts.team_progress(result.teams),
        charts.module_progress(cohort.program, result.learners),
        charts.routes_by_state(result.teams),
        charts.criterion_scores(team_ids),
    ]
    return [chart for chart in built if chart and chart.bars]


class _Echo:
    def write(self, value):
        return value


@login_required
def gradebook(request, cohort_id: int, fmt: str):
    """The grade book as CSV (streamed) or XLSX (written row by row, constant memory)."""
    _require_staff(request.user)
    cohort = get_object_or_404(Cohort.objects.select_related("program"), pk=cohort_id)
    result = cohort_report(cohort, viewer=request.user)
    rows = gradebook_rows(result)
    return _export(f"gradebook-cohort-{cohort.pk}", GRADEBOOK_HEADER, rows, fmt)


@login_required
def certificate_registry(request, cohort_id: int, fmt: str):
    require_admin(request.user)
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    header = ["Номер", "ФИО", "Программа", "Часов", "Дата выдачи", "Статус", "Проверка"]
    rows = (
        [
            c.serial,
            c.holder_name,
            c.program_title,
            c.hours,
            c.issued_at.date(),
            c.get_status_display(),
            c.verify_url(),
        ]
        for c in Certificate.objects.filter(cohort=cohort).order_by("serial").iterator()
    )
    return _export(f"certificates-cohort-{cohort.pk}", header, rows, fmt)


def _export(name: str, header: list[str], rows, fmt: str):
    if fmt == "csv":
        writer = csv.writer(_Echo(), delimiter=";")
        stream = (writer.writerow(row) for row in _with_header(header, rows))
        # A byte-order mark so that Excel opens the Cyrillic correctly.
        response = StreamingHttpResponse(
            _prefixed("\ufeff", stream), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Данные")
    for row in _with_header(header, rows):
        sheet.append(row)
    handle = tempfile.TemporaryFile()
    book.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{name}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _with_header(header, rows):
    yield safe_row(header)
    for row in rows:
        yield safe_row(row)


def _prefixed(prefix, stream):
    yield prefix
    yield from stream


def _local_moment(data, zone) -> dt.datetime:
    """A date and a time (HH:MM, 23:59 if left empty) as typed, read in `zone`."""
    try:
        day = dt.date.fromisoformat(data.get("until", ""))
    except ValueError:
        raise ValidationError(_("Укажите дату нового срока.")) from None
    try:
        at = dt.time.fromisoformat(data.get("until_time") or "23:59")
    except ValueError:
        raise ValidationError(_("Время — в виде ЧЧ:ММ, например 18:00.")) from None
    return dt.datetime.combine(day, at, tzinfo=zone)


@login_required
def cohort_teams(request, cohort_id: int):
    """Admins allocate mentors and extend teams' deadlines."""
    if not has_role(request.user, CERTIFICATE_ADMIN):
        raise PermissionDenied
    cohort = get_object_or_404(Cohort, id=cohort_id)
    assignments = route_assignments(cohort.program)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "balance":
                assigned = auto_balance_mentors(cohort=cohort, by=request.user)
                messages.success(request, _("Распределено команд: %(n)s.") % {"n": len(assigned)})
            elif action == "mentor":
                team = get_object_or_404(Team, id=request.POST.get("team") or 0, cohort=cohort)
                mentor_id = request.POST.get("mentor")
                mentor = cohort.mentors.filter(pk=mentor_id).first() if mentor_id else None
                assign_mentor(team=team, mentor=mentor, by=request.user)
                messages.success(request, _("Наставник команды сохранён."))
            elif action == "extend":
                team = get_object_or_404(Team, id=request.POST.get("team") or 0, cohort=cohort)
                assignment = next(
                    (a for a in assignments if str(a.pk) == request.POST.get("assignment")), None
                )
                if assignment is None:
                    raise ValidationError(_("Выберите задание."))
                until = _local_moment(request.POST, ZoneInfo(assignment.time_zone))
                extend_deadline(
                    team=team,
                    assignment=assignment,
                    until=until,
                    by=request.user,
                    reason=request.POST.get("reason", "")[:1000],
                )
                messages.success(
                    request,
                    _("Срок команды «%(team)s» продлён до %(until)s (%(zone)s).")
                    % {
                        "team": team.name,
                        "until": until.strftime("%d.%m.%Y %H:%M"),
                        "zone": assignment.time_zone,
                    },
                )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("cohort_teams", cohort_id=cohort.id)
    teams = Team.objects.filter(cohort=cohort).select_related("region", "mentor").order_by("name")
    routes = {
        r.team_id: r
        for r in RouteDesign.objects.filter(team__cohort=cohort).select_related("assignment")
    }
    assignment = assignments[0] if assignments else None
    deadlines = team_deadlines(assignment, [t.pk for t in teams]) if assignment else {}
    return render(
        request,
        "reports/cohort_teams.html",
        {
            "cohort": cohort,
            "rows": [(team, routes.get(team.id), deadlines.get(team.id)) for team in teams],
            "assignment": assignment,
            "mentors": list(cohort.mentors.order_by("last_name")),
        },
    )


@login_required
@require_POST
def grant_extra_attempt(request, cohort_id: int, user_id: int):
    """From a learner's row of the cohort report: one more attempt at a quiz, with a reason."""
    _require_staff(request.user)
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    learner = get_object_or_404(get_user_model(), pk=user_id, enrollments__cohort=cohort)
    quiz = get_object_or_404(Quiz, pk=int_param(request.POST, "quiz") or 0)
    try:
        services.grant_extra_attempt(
            quiz=quiz, learner=learner, by=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s получает ещё одну попытку теста «%(quiz)s».")
            % {"name": learner.full_name, "quiz": quiz.title},
        )
    return redirect("cohort_report", cohort_id=cohort.pk)
