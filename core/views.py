"""Site-wide views that belong to no app: the language switch, public media (demo only), the
expired-form and error pages."""

from django.conf import settings
from django.http import Http404, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.static import serve


def switch_language(request, code: str):
    """The language switcher's links: remember the choice in the language cookie and go back.

    Links rather than a form, so public pages carry no CSRF token and can be cached whole
    (core.pagecache); the choice is a display preference, harmless to trigger from elsewhere."""
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


# Media under these prefixes is personal (certificates, teams' route attachments) and goes out
# only through views that check access.
PRIVATE_MEDIA_PREFIXES = ("certificates/", "routes/")


def public_media(request, path: str):
    """Serve public media (images, documents) when no web server sits in front of Django."""
    if path.startswith(PRIVATE_MEDIA_PREFIXES) or "/.." in f"/{path}":
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def bad_request(request, exception=None):
    """A request the site cannot take as sent (a NUL character in a form, a malformed
    upload): our page, in the user's language, with a 400."""
    return render(request, "400.html", status=400)


def server_error(request):
    """Our 500 page: a plain file, rendered with no context at all, so that a broken database,
    session or template tag cannot break the error page too."""
    return HttpResponseServerError(
        loader.get_template("500.html").render(), content_type="text/html; charset=utf-8"
    )


def csrf_failure(request, reason=""):
    """An expired form (session ended, page open too long): say so plainly, never a bare 403."""
    return render(request, "lms/csrf_failure.html", {"next": request.path}, status=403)
