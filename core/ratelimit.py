"""A small fixed-window rate limit on the shared cache (Redis in production), keyed on the real
client behind trusted proxies (core.clientip)."""

import functools

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone

from .clientip import client_ip


def window() -> str:
    """The current minute: the counters' window (tests hold it still across a boundary)."""
    return timezone.now().strftime("%Y%m%d%H%M")


def rate_limited(key: str, *, per_minute: int):
    """Answer 429 with a plain page once a client passes `per_minute` requests to the view."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not settings.RATE_LIMITS:
                return view(request, *args, **kwargs)
            bucket = f"ratelimit:{key}:{client_ip(request)}:{window()}"
            cache.add(bucket, 0, timeout=70)
            try:
                count = cache.incr(bucket)
            except ValueError:  # evicted between add and incr
                count = 1
            if count > per_minute:
                return render(request, "lms/rate_limited.html", status=429)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
