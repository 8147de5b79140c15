from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.static import serve

from assessments.selectors import review_queue
from lms.roles import MENTOR, has_role

from .selectors import learner_dashboard


def switch_language(request, code: str):
    """The language switcher's links: remember the choice in the language cookie and go back.

    Links rather than a form, so public pages carry no CSRF token and can be cached whole
    (lms.pagecache); the choice is a display preference, harmless to trigger from elsewhere."""
    from django.shortcuts import redirect
    from django.utils.http import url_has_allowed_host_and_scheme

    if code not in dict(settings.LANGUAGES):
        raise Http404("no such language")
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = "/"
    response = redirect(back)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@login_required
def dashboard(request):
    context = {"entries": learner_dashboard(request.user)}
    if has_role(request.user, MENTOR):
        context["review_waiting"] = review_queue(request.user).count()
    return render(request, "lms/dashboard.html", context)


@login_required
def profile(request):
    """Name as printed on certificates; date of birth and СНИЛС only where a cohort asks."""
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.utils.translation import gettext as _

    from .forms import ProfileForm

    registry = request.user.enrollments.filter(cohort__collects_registry_data=True).exists()
    form = ProfileForm(request.POST or None, instance=request.user, registry=registry)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Профиль сохранён."))
            return redirect("profile")
        messages.error(request, _("Профиль не сохранён: исправьте отмеченные поля."))
    return render(
        request,
        "lms/profile.html",
        {"form": form, "registry": registry},
        status=400 if form.errors else 200,
    )


# Media under these prefixes is personal (certificates, teams' route attachments) and goes out
# only through views that check access.
PRIVATE_MEDIA_PREFIXES = ("certificates/", "routes/")


def public_media(request, path: str):
    """Serve public media (images, documents) when no web server sits in front of Django."""
    if path.startswith(PRIVATE_MEDIA_PREFIXES) or "/.." in f"/{path}":
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def csrf_failure(request, reason=""):
    """An expired form (session ended, page open too long): say so plainly, never a bare 403."""
    return render(request, "lms/csrf_failure.html", {"next": request.path}, status=403)


@login_required
def cohort_teams(request, cohort_id: int):
    """Admins allocate mentors and extend teams' deadlines."""
    import datetime as dt

    from django.contrib import messages
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.shortcuts import get_object_or_404, redirect
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from assessments.models import RouteDesign
    from assessments.services import auto_balance_mentors, extend_deadline

    from .models import Cohort, Team
    from .roles import CERTIFICATE_ADMIN
    from .services import assign_mentor

    if not has_role(request.user, CERTIFICATE_ADMIN):
        raise PermissionDenied
    cohort = get_object_or_404(Cohort, id=cohort_id)
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
                design = get_object_or_404(
                    RouteDesign, id=request.POST.get("design") or 0, team__cohort=cohort
                )
                try:
                    day = dt.date.fromisoformat(request.POST.get("until", ""))
                except ValueError:
                    raise ValidationError(_("Укажите дату нового срока.")) from None
                until = timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59)))
                extend_deadline(design=design, until=until, by=request.user)
                messages.success(request, _("Срок продлён."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("cohort_teams", cohort_id=cohort.id)
    teams = Team.objects.filter(cohort=cohort).select_related("region", "mentor").order_by("name")
    routes = {
        r.team_id: r
        for r in RouteDesign.objects.filter(team__cohort=cohort).select_related("assignment")
    }
    return render(
        request,
        "lms/cohort_teams.html",
        {
            "cohort": cohort,
            "rows": [(team, routes.get(team.id)) for team in teams],
            "mentors": list(cohort.mentors.order_by("last_name")),
        },
    )
