import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.languages import default_locale_pages
from core.params import int_param
from lms.models import Cohort
from lms.roles import CERTIFICATE_ADMIN, has_role

from . import services
from .models import EnrollmentRequest, LessonPage
from .search import search as russian_search


@login_required
@require_POST
def complete_lesson(request, lesson_id: int):
    # The Russian lesson: a translation lends its text and holds no progress.
    lesson = get_object_or_404(default_locale_pages(LessonPage.objects.live()), id=lesson_id)
    try:
        services.mark_lesson_done(user=request.user, lesson=lesson)
    except PermissionDenied:
        messages.error(request, _("Урок можно отметить после зачисления на программу."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Урок «%(title)s» отмечен как пройденный.") % {"title": lesson.title}
        )
    return redirect(lesson.url)


@login_required
@require_POST
def request_enrollment(request, cohort_id: int):
    cohort = get_object_or_404(Cohort.objects.select_related("program"), id=cohort_id)
    try:
        services.request_enrollment(user=request.user, cohort=cohort)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Заявка отправлена. Администратор центра её рассмотрит."))
    return redirect(cohort.program.url)


@login_required
def enrollment_requests(request):
    if not has_role(request.user, CERTIFICATE_ADMIN):
        raise PermissionDenied
    if request.method == "POST":
        pending = get_object_or_404(
            EnrollmentRequest, id=int_param(request.POST, "request_id") or 0
        )
        try:
            services.decide_enrollment(
                enrollment_request=pending,
                approve=request.POST.get("decision") == "approve",
                decided_by=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Решение по заявке сохранено."))
        return redirect("courses:enrollment_requests")
    requests = EnrollmentRequest.objects.filter(
        status=EnrollmentRequest.Status.PENDING
    ).select_related("user", "cohort")
    return render(request, "courses/enrollment_requests.html", {"requests": requests})


def search_words(query: str) -> str:
    """The words of a typed query, lower-cased, without quotes or operators: the search
    backends read `"`, `*`, `:`, `(` and upper-case AND/OR/NOT as syntax (SQLite's FTS5 fails
    on an unbalanced quote), while people type them as plain text."""
    return " ".join(re.findall(r"\w+", query.lower()))


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = russian_search(search_words(query), request.user)
    return render(request, "courses/search.html", {"query": query, "results": results})
