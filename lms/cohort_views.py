"""What a competence centre does every week: import people, see where teams stand, export."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from certificates.selectors import cached_requirements

from .forms import ImportForm
from .importing import ImportFileError, apply_import, plan_import
from .models import Cohort, ImportBatch
from .reports import (
    GRADEBOOK_HEADER,
    cohort_report,
    gradebook_rows,
    mentor_workload,
    visible_teams,
)
from .roles import CERTIFICATE_ADMIN, MENTOR, has_role, require_admin
from .services import import_batch_keep


def _require_staff(user):
    if not (has_role(user, CERTIFICATE_ADMIN) or has_role(user, MENTOR)):
        raise PermissionDenied


@login_required
def reports_index(request):
    from .selectors import visible_cohorts

    _require_staff(request.user)
    return render(request, "lms/reports_index.html", {"cohorts": visible_cohorts(request.user)})


@login_required
def import_people(request, cohort_id: int):
    """Upload → preview (what will be created, updated, and every row's error) → confirm."""
    require_admin(request.user)
    cohort = get_object_or_404(Cohort.objects.select_related("program"), pk=cohort_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"cohort": cohort, "form": form}
    if request.method == "POST" and "batch" in request.POST:
        batch = get_object_or_404(
            ImportBatch, pk=request.POST["batch"], cohort=cohort, applied_at__isnull=True
        )
        try:
            plan = apply_import(cohort, batch.filename, bytes(batch.data), by=request.user)
        except (ValidationError, ImportFileError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            return redirect("cohort_import", cohort_id=cohort.pk)
        batch.mark_applied(plan)
        messages.success(
            request,
            _("Импорт выполнен: новых %(created)s, обновлено %(updated)s, без изменений %(same)s.")
            % {
                "created": plan.count("create"),
                "updated": plan.count("update"),
                "same": plan.count("unchanged"),
            },
        )
        return redirect("cohort_report", cohort_id=cohort.pk)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            plan = plan_import(cohort, upload.name, data)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            batch = import_batch_keep(
                cohort=cohort, uploaded_by=request.user, filename=upload.name, data=data
            )
            context.update(
                plan=plan,
                batch=batch,
                created=plan.count("create"),
                updated=plan.count("update"),
                unchanged=plan.count("unchanged"),
            )
    status = 400 if form.errors or (context.get("plan") and not context["plan"].ok) else 200
    return render(request, "lms/import.html", context, status=status)


@login_required
def report(request, cohort_id: int):
    from courses.selectors import program_by_id

    _require_staff(request.user)
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    cohort.program = program_by_id(cohort.program_id) or cohort.program
    region_id = request.GET.get("region", "")
    team_id = request.GET.get("team", "")
    teams_for_filter = list(visible_teams(cohort, request.user))
    result = cohort_report(
        cohort,
        viewer=request.user,
        region_id=int(region_id) if region_id.isdigit() else None,
        team_id=int(team_id) if team_id.isdigit() else None,
        visible=teams_for_filter,
        need=cached_requirements(cohort.program),
    )
    return render(
        request,
        "lms/report.html",
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
            "chart": _chart(result.teams),
        },
    )


def _chart(team_lines) -> dict | None:
    """A horizontal bar per team (lessons done, %), laid out here so the SVG stays simple."""
    if not team_lines:
        return None
    bars = []
    for n, line in enumerate(team_lines):
        percent = line.lessons_percent
        bars.append(
            {
                "label": line.team.name[:30],
                "percent": percent,
                "y": n * 20 + 4,
                "text_y": n * 20 + 14,
                "width": percent * 3.6,
                "value_x": 200 + percent * 3.6 + 6,
            }
        )
    return {"bars": bars, "height": len(bars) * 20 + 8}


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
    from certificates.models import Certificate

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
    import tempfile

    from openpyxl import Workbook

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
    yield header
    yield from rows


def _prefixed(prefix, stream):
    yield prefix
    yield from stream
