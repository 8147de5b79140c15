import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.downloads import content_disposition
from core.params import TooDeep, as_id, loads_json
from core.ratelimit import rate_limited
from lms.models import Cohort
from lms.roles import CERTIFICATE_ADMIN, has_role, require_admin

from . import services
from .credentials import (
    examine,
    issuer_profile,
    legacy_status_list_credential,
    signed_open_badge,
    status_list_credential,
)
from .forms import RevokeForm, VerifyLookupForm
from .models import BulkIssue, BulkIssueItem, Certificate, CohortArchive
from .registry import registry_xlsx
from .selectors import cohort_eligibility
from .status import last_list

logger = logging.getLogger(__name__)

STATUS_LIST_MAX_AGE = 300  # seconds

# Codes are long and random; the limit makes guessing serials or codes slow as well.
VERIFY_PER_MINUTE = 30
# An Open Badges credential nests about eight levels deep; far more is no credential.
CREDENTIAL_DEPTH = 32


@login_required
def cohort_list(request):
    require_admin(request.user)
    cohorts = Cohort.objects.select_related("program").order_by("-starts_on")
    return render(request, "certificates/cohort_list.html", {"cohorts": cohorts})


def _attendance_from(post, rows):
    """Attendance per learner from the form: {enrollment: value or None} and the errors."""
    values, errors = {}, {}
    for row in rows:
        raw = post.get(f"attendance-{row.enrollment.pk}", "").strip().rstrip("%").strip()
        if raw == "":
            values[row.enrollment] = None
            continue
        try:
            value = int(raw)
        except ValueError:
            value = -1
        if not 0 <= value <= 100:
            errors[row.enrollment.pk] = _("Введите целое число от 0 до 100.")
            continue
        values[row.enrollment] = value
    return values, errors


@login_required
def cohort_eligibility_view(request, cohort_id: int):
    """The cohort's learners with what each still lacks; attendance entry; bulk actions."""
    require_admin(request.user)
    cohort = get_object_or_404(Cohort.objects.select_related("program"), id=cohort_id)
    rows = cohort_eligibility(cohort)
    entered, errors = {}, {}
    if request.method == "POST":
        values, errors = _attendance_from(request.POST, rows)
        if errors:
            entered = {key: request.POST.get(f"attendance-{key}", "") for key in errors}
            messages.error(request, _("Посещаемость не сохранена: исправьте отмеченные поля."))
        else:
            services.set_attendance(values, by=request.user)
            messages.success(request, _("Посещаемость сохранена."))
            return redirect("certificates:cohort", cohort_id=cohort.id)
    return render(
        request,
        "certificates/cohort_eligibility.html",
        {
            "cohort": cohort,
            "rows": rows,
            "eligible_waiting": sum(1 for r in rows if r.eligible and r.certificate is None),
            "to_reissue": [r for r in rows if r.needs_reissue],
            "attendance_errors": errors,
            "attendance_entered": entered,
            "jobs": cohort.bulk_issues.select_related("started_by")[:5],
            "archives": cohort.archives.all()[:3],
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def bulk_issue(request, cohort_id: int):
    require_admin(request.user)
    cohort = get_object_or_404(Cohort, id=cohort_id)
    user_ids = None
    if request.POST.get("scope") != "all":
        user_ids = [n for v in request.POST.getlist("selected") if (n := as_id(v)) is not None]
        if not user_ids:
            messages.error(request, _("Отметьте слушателей или выберите «всем допущенным»."))
            return redirect("certificates:cohort", cohort_id=cohort.id)
    try:
        job = services.start_bulk_issue(cohort=cohort, started_by=request.user, user_ids=user_ids)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("certificates:cohort", cohort_id=cohort.id)
    return redirect("certificates:bulk", job_id=job.id)


@login_required
def bulk_progress(request, job_id: int):
    """The job's progress bar and failures; htmx polls the fragment until it is finished."""
    require_admin(request.user)
    job = get_object_or_404(BulkIssue.objects.select_related("cohort", "started_by"), id=job_id)
    context = {
        "job": job,
        "progress": job.progress(),
        "failures": job.items.filter(status=BulkIssueItem.Status.FAILED).select_related("holder"),
    }
    template = "certificates/bulk_progress.html"
    if request.htmx:
        template = "certificates/_bulk_progress.html"
    return render(request, template, context)


@login_required
@require_POST
def bulk_retry(request, job_id: int):
    require_admin(request.user)
    job = get_object_or_404(BulkIssue, id=job_id)
    count = services.retry_failed(job=job, by=request.user)
    messages.info(request, _("Повторно поставлено в очередь: %(n)s.") % {"n": count})
    return redirect("certificates:bulk", job_id=job.id)


@login_required
@require_POST
def archive_request(request, cohort_id: int):
    require_admin(request.user)
    cohort = get_object_or_404(Cohort, id=cohort_id)
    archive = services.request_archive(cohort=cohort, requested_by=request.user)
    return redirect("certificates:archive", archive_id=archive.id)


@login_required
def archive_progress(request, archive_id: int):
    require_admin(request.user)
    archive = get_object_or_404(CohortArchive.objects.select_related("cohort"), id=archive_id)
    template = "certificates/archive.html"
    if request.htmx:
        template = "certificates/_archive_progress.html"
    return render(request, template, {"archive": archive})


@login_required
def archive_download(request, archive_id: int):
    require_admin(request.user)
    archive = get_object_or_404(CohortArchive, id=archive_id, status=CohortArchive.Status.READY)
    return FileResponse(
        archive.file.open("rb"),
        as_attachment=True,
        filename=f"certificates-cohort-{archive.cohort_id}.zip",
        content_type="application/zip",
    )


@login_required
def registry_export(request, cohort_id: int):
    require_admin(request.user)
    cohort = get_object_or_404(Cohort, id=cohort_id)
    response = HttpResponse(
        registry_xlsx(cohort),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="frdo-cohort-{cohort.id}.xlsx"'
    return response


@login_required
@require_POST
def issue(request, cohort_id: int, user_id: int):
    require_admin(request.user)
    cohort = get_object_or_404(Cohort, id=cohort_id)
    holder = get_object_or_404(get_user_model(), id=user_id, enrollments__cohort=cohort)
    try:
        certificate = services.issue_certificate(
            holder=holder, cohort=cohort, issued_by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Удостоверение %(serial)s выдано: %(name)s.")
            % {"serial": certificate.serial, "name": certificate.holder_name},
        )
    return redirect("certificates:cohort", cohort_id=cohort.id)


@login_required
def certificate_detail(request, certificate_id: int):
    require_admin(request.user)
    certificate = get_object_or_404(
        Certificate.objects.select_related("cohort", "holder"), id=certificate_id
    )
    if request.method == "POST" and request.POST.get("action") == "reissue":
        try:
            new = services.reissue_certificate(
                certificate=certificate,
                reissued_by=request.user,
                reason=request.POST.get("reason", "")[:500],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("certificates:detail", certificate_id=certificate.id)
        messages.success(
            request, _("Выпущено новое удостоверение %(serial)s.") % {"serial": new.serial}
        )
        return redirect("certificates:detail", certificate_id=new.id)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke_certificate(
                certificate=certificate,
                reason=form.cleaned_data["reason"],
                revoked_by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Удостоверение отозвано."))
            return redirect("certificates:detail", certificate_id=certificate.id)
    return render(
        request,
        "certificates/certificate_detail.html",
        {"certificate": certificate, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def download_pdf(request, certificate_id: int):
    certificate = get_object_or_404(Certificate, id=certificate_id)
    if certificate.holder_id != request.user.id and not has_role(request.user, CERTIFICATE_ADMIN):
        raise Http404
    if not certificate.pdf:
        messages.info(request, _("PDF ещё готовится, обновите страницу через минуту."))
        return redirect("dashboard")
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"{certificate.serial}.pdf",
        content_type="application/pdf",
    )


@rate_limited("verify", per_minute=VERIFY_PER_MINUTE)
def verify_lookup(request):
    form = VerifyLookupForm(request.GET or None)
    not_found = False
    if form.is_valid():
        query = form.cleaned_data["query"]
        certificate = Certificate.objects.filter(Q(serial__iexact=query) | Q(code=query)).first()
        if certificate is not None:
            return redirect("certificates:verify", code=certificate.code)
        not_found = True
    return render(
        request,
        "certificates/verify_lookup.html",
        {"form": form, "not_found": not_found},
        status=400 if form.errors else 200,
    )


@rate_limited("verify", per_minute=VERIFY_PER_MINUTE)
def verify(request, code: str):
    certificate = get_object_or_404(Certificate, code=code)
    return render(request, "certificates/verify.html", {"certificate": certificate})


# The media type of a JSON-LD verifiable credential (VC Data Model 2.0, §C.1).
VC_MEDIA_TYPE = "application/vc"


def _json(data, *, download: str | None = None, content_type: str = "application/json"):
    import json

    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type=f"{content_type}; charset=utf-8",
    )
    if download:
        response["Content-Disposition"] = content_disposition(download)
    return response


def _credential_media_type(request) -> str:
    """application/vc, unless the client asks for plain JSON (?format=json, or an Accept that
    prefers application/json)."""
    if request.GET.get("format") == "json":
        return "application/json"
    preferred = request.get_preferred_type([VC_MEDIA_TYPE, "application/json"])
    return preferred or VC_MEDIA_TYPE


def credential(request, code: str):
    """The certificate's signed Open Badges 3.0 credential, as a file download."""
    certificate = get_object_or_404(Certificate.objects.select_related("program"), code=code)
    response = _json(
        signed_open_badge(certificate),
        download=f"{certificate.serial}.json",
        content_type=_credential_media_type(request),
    )
    response["Vary"] = "Accept"
    return response


def issuer(request):
    return _json(issuer_profile())


def _status_response(document):
    response = _json(document)
    # Proxies may keep it a few minutes, not more: a revocation must show soon (the signed
    # list itself is cached server-side until it changes).
    max_age = min(STATUS_LIST_MAX_AGE, settings.CERTIFICATE_STATUS_LIST_TTL // 2)
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response


def status_list(request, number: int):
    if not 1 <= number <= last_list(Certificate):
        raise Http404
    return _status_response(status_list_credential(number))


def legacy_status_list(request):
    return _status_response(legacy_status_list_credential())


@require_POST
def check_credential(request):
    """Check an uploaded file: one of our credentials (signature, then its status list), or
    say what else it is (a status list, some other JSON)."""
    upload = request.FILES.get("credential")
    result = None
    status = 200
    if upload is None or upload.size > 200_000:
        messages.error(request, _("Приложите файл удостоверения в формате JSON (до 200 КБ)."))
        status = 400
    else:
        try:
            document = loads_json(upload.read().decode("utf-8"), max_depth=CREDENTIAL_DEPTH)
            if not isinstance(document, dict):
                raise ValueError
        except TooDeep:
            messages.error(
                request,
                _("В файле слишком глубокая вложенность: удостоверение так не устроено."),
            )
            status = 400
        except (ValueError, UnicodeDecodeError, RecursionError):
            messages.error(request, _("Это не JSON-файл удостоверения."))
            status = 400
        else:
            try:
                result = examine(document)
            except Exception:  # a crafted file must get an answer, never a server error
                logger.exception("checking an uploaded credential failed")
                result = {"kind": "credential", "valid": False, "revoked": None}
    return render(
        request,
        "certificates/verify_lookup.html",
        {"form": VerifyLookupForm(), "check": result},
        status=status,
    )
