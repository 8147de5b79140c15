"""Values kept in the cache until their source changes.

Each family of values (a programme's structure, the enterprise catalogue) has a version in the
cache, and every key is built with it; a change sets a new version, so all the family's old
keys are dead at once and expire on their own.
"""

import time

from django.core.cache import cache


def _version_key(family: str) -> str:
    return f"{family}:version"


def key(family: str, *parts) -> str:
    version = cache.get_or_set(_version_key(family), time.time_ns, timeout=None)
    return ":".join([family, str(version), *(str(part) for part in parts)])


def get_or_build(family: str, *parts, build, timeout: int = 6 * 3600):
    """The cached value for (family, *parts), built by `build()` when missing or stale."""
    name = key(family, *parts)
    value = cache.get(name)
    if value is None:
        value = build()
        cache.set(name, value, timeout=timeout)
    return value


def forget(family: str) -> None:
    # A fresh version rather than incr: an evicted counter can never come back to an old value.
    cache.set(_version_key(family), time.time_ns(), timeout=None)
