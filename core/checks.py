"""System checks of this project's own (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Rate limits, cached structures and visitors' pages must be shared by every web worker:
    with a per-process cache, each worker counts and forgets on its own."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(("LocMemCache", "DummyCache")):
        return [
            Warning(
                "The cache is per process: rate limits are counted per web worker, and a page "
                "changed in the editor may stay stale for visitors on the other workers for "
                "up to 15 minutes.",
                hint="Set CACHE_URL, e.g. redis://127.0.0.1:6379/1.",
                id="core.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def real_secret_key(app_configs, **kwargs):
    """With DEBUG off, SECRET_KEY must be set, and not to the development default (sessions,
    password-reset links and CSRF tokens are signed with it)."""
    try:
        key = settings.SECRET_KEY or ""
    except ImproperlyConfigured:  # Django refuses to hand out an empty one
        key = ""
    if settings.DEBUG or (key.strip() and "insecure" not in key.lower()):
        return []
    return [
        Error(
            "SECRET_KEY is empty or the insecure development default, and DEBUG is off.",
            hint="Set SECRET_KEY in the environment, e.g. to "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`.",
            id="core.E001",
        )
    ]


class StartupCheckFailed(RuntimeError):
    """A process refuses to start: the system checks found errors."""


def refuse_to_start_on_errors(process: str) -> None:
    """Run every system check, deployment ones included, as `check --deploy` does, and raise
    if any is an error: the web (lms/wsgi.py) and the Celery worker and beat (lms/celery.py)
    call it before they serve anything."""
    import django
    from django.apps import apps
    from django.core.checks import run_checks

    if not apps.ready:
        django.setup()
    errors = [
        message
        for message in run_checks(include_deployment_checks=True)
        if message.is_serious() and not message.is_silenced()
    ]
    if errors:
        raise StartupCheckFailed(
            f"{process} refuses to start:\n" + "\n".join(f"  {message}" for message in errors)
        )
