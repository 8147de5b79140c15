"""System checks of this project's own (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


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
