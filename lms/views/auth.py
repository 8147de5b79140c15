"""allauth's pages (sign in, sign up, passwords, e-mail), with one change: a form posted with
errors answers 400 instead of 200, like every other form of the site (allauth re-renders it
with what was typed and its messages, as before)."""

from functools import wraps

from allauth import urls as allauth_urls
from django.urls import URLPattern, URLResolver


def refuse_invalid(view):
    """The view, with a POST whose form has errors answered 400."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        context = getattr(response, "context_data", None) or {}
        form = context.get("form")
        if request.method == "POST" and response.status_code == 200 and form is not None:
            if form.errors:
                response.status_code = 400
        return response

    return wrapped


def _wrapped(patterns) -> list:
    out = []
    for item in patterns:
        if isinstance(item, URLResolver):
            out.append(
                URLResolver(
                    item.pattern,
                    _wrapped(item.url_patterns),
                    item.default_kwargs,
                    item.app_name,
                    item.namespace,
                )
            )
        elif isinstance(item, URLPattern):
            view = refuse_invalid(item.callback)
            out.append(URLPattern(item.pattern, view, item.default_args, item.name))
        else:
            out.append(item)
    return out


urlpatterns = _wrapped(allauth_urls.urlpatterns)
