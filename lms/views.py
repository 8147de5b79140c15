from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.static import serve

from assessments.selectors import review_queue
from lms.roles import MENTOR, has_role

from .selectors import learner_dashboard


@login_required
def dashboard(request):
    context = {"entries": learner_dashboard(request.user)}
    if has_role(request.user, MENTOR):
        context["review_queue"] = review_queue(request.user)
    return render(request, "lms/dashboard.html", context)


# Media under these prefixes is personal and goes out only through views that check access.
PRIVATE_MEDIA_PREFIXES = ("certificates/",)


def public_media(request, path: str):
    """Serve public media (images, documents) when no web server sits in front of Django."""
    if path.startswith(PRIVATE_MEDIA_PREFIXES) or "/.." in f"/{path}":
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def csrf_failure(request, reason=""):
    """An expired form (session ended, page open too long): say so plainly, never a bare 403."""
    return render(request, "lms/csrf_failure.html", {"next": request.path}, status=403)
