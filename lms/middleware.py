"""The personal-data consent gate (152-ФЗ); the locale and security headers are core's."""

from django.shortcuts import redirect
from django.utils.http import urlencode

from .privacy import needs_consent, policy_to_accept


class ConsentMiddleware:
    """A signed-in user who has not agreed to the current personal-data policy is asked to
    before anything else (152-ФЗ); republishing the policy asks everyone again."""

    EXEMPT = (
        "/consent/",
        "/accounts/logout/",
        "/static/",
        "/media/",
        "/language/",
        "/cms/",
        "/api/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.user.is_authenticated
            and not request.path.startswith(self.EXEMPT)
            and needs_consent(request)
        ):
            policy = policy_to_accept(request.user)
            if policy is not None and request.path != policy.url:
                return redirect(f"/consent/?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
