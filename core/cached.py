"""Values kept in the cache until their source changes.

Each family of values (the programmes' structure, the enterprise catalogue) has a version in
the cache, and every value is stored with the version it was built from. A change sets a new
version, so all the family's values are stale at once; reading one is a single round trip for
the version and the value together.
"""

import time
from dataclasses import dataclass

from django.core.cache import cache

TIMEOUT = 6 * 3600


def _version_key(family: str) -> str:
    return f"{family}:version"


@dataclass
class Found:
    """What `lookup` found: the value if it is current, and the version to store one under."""

    name: str
    version: int
    value: object = None
    hit: bool = False


def lookup(family: str, *parts) -> Found:
    """The cached value for (family, *parts) if it was built from the current version."""
    version_key = _version_key(family)
    name = ":".join([family, *(str(part) for part in parts)])
    found = cache.get_many([version_key, name])
    version = found.get(version_key)
    if version is None:
        version = cache.get_or_set(version_key, time.time_ns, timeout=None)
    stored = found.get(name)
    if stored is not None and stored[0] == version:
        return Found(name, version, stored[1], hit=True)
    return Found(name, version)


def store(found: Found, value, *, timeout: int = TIMEOUT) -> None:
    """Keep a value under the version `lookup` saw: had the source changed meanwhile, the
    value is stale from the start and never served."""
    cache.set(found.name, (found.version, value), timeout=timeout)


def get_or_build(family: str, *parts, build, timeout: int = TIMEOUT):
    """The cached value for (family, *parts), built by `build()` when missing or stale."""
    found = lookup(family, *parts)
    if found.hit:
        return found.value
    value = build()
    store(found, value, timeout=timeout)
    return value


def forget(family: str) -> None:
    # A fresh version rather than incr: an evicted counter can never come back to an old value.
    cache.set(_version_key(family), time.time_ns(), timeout=None)
