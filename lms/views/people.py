"""What an admin does with people: import a cohort's spreadsheet, anonymise a learner."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.params import int_param

from .. import services
from ..forms import ImportForm
from ..importing import ImportFileError, plan_import
from ..models import Cohort, ImportBatch
from ..roles import CERTIFICATE_ADMIN, has_role, require_admin


@login_required
def import_people(request, cohort_id: int):
    """Upload → preview (what will be created, updated, and every row's error) → confirm."""
    require_admin(request.user)
    cohort = get_object_or_404(Cohort.objects.select_related("program"), pk=cohort_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"cohort": cohort, "form": form}
    if request.method == "POST" and "batch" in request.POST:
        batch = get_object_or_404(
            ImportBatch,
            pk=int_param(request.POST, "batch") or 0,
            cohort=cohort,
            applied_at__isnull=True,
        )
        try:
            plan = services.apply_import(cohort, batch.filename, bytes(batch.data), by=request.user)
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
        if plan.moves:
            messages.success(
                request,
                _("Переведено между командами: %(n)s; история — на странице состава команд.")
                % {"n": len(plan.moves)},
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
            batch = services.import_batch_keep(
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
@require_POST
def anonymise(request, user_id: int):
    if not has_role(request.user, CERTIFICATE_ADMIN):
        raise PermissionDenied
    user = get_object_or_404(get_user_model(), pk=user_id)
    reason = request.POST.get("reason", "").strip()
    if not reason:
        messages.error(request, _("Укажите основание: например, заявление слушателя."))
    else:
        services.anonymise_user(user, by=request.user, reason=reason[:500])
        messages.success(request, _("Персональные данные слушателя обезличены."))
    back = request.POST.get("back", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = reverse("certificates:cohorts")
    return redirect(back)
