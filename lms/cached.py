"""Values kept in the cache until their source changes.

Each family of values (the programmes' structure, the enterprise catalogue) has a version in
the cache, and every value is stored with the version it was built from. A change sets a new
version, so all the family's values are stale at once; reading one is a single round trip for
the version and the value together.
"""

import time

from django.core.cache import cache

TIMEOUT = 6 * 3600


def _version_key(family: str) -> str:
    return f"{family}:version"


def get_or_build(family: str, *parts, build, timeout: int = TIMEOUT):
    """The cached value for (family, *parts), built by `build()` when missing or stale."""
    version_key = _version_key(family)
    name = ":".join([family, *(str(part) for part in parts)])
    found = cache.get_many([version_key, name])
    version = found.get(version_key)
    if version is None:
        version = cache.get_or_set(version_key, time.time_ns, timeout=None)
    stored = found.get(name)
    if stored is not None and stored[0] == version:
        return stored[1]
    value = build()
    cache.set(name, (version, value), timeout=timeout)
    return value


def forget(family: str) -> None:
    # A fresh version rather than incr: an evicted counter can never come back to an old value.
    cache.set(_version_key(family), time.time_ns(), timeout=None)
