"""The issuer's Ed25519 signing keys, as configured (issue 18).

CERTIFICATE_SIGNING_KEYS lists keys oldest first, each with an id: "id:base64seed,..." or a
JSON list of {"id": ..., "seed": ...}. CERTIFICATE_SIGNING_KEY, if set, is one more key with
the id "key-1", placed first (the oldest), so a site configured before keys had ids keeps its
key and adds new ones beside it. CERTIFICATE_RETIRED_KEY_IDS names keys that no longer sign
anything new but stay in the issuer's controller document: what they signed keeps verifying.
A compromised key is removed from the configuration: it is then no longer listed, and what it
signed no longer verifies.

No key is derived from another: without a configured key, signing raises and the system
check certificates.E001 stops the web and the workers (with DEBUG off).
"""

import base64
import binascii
import json
import re
from dataclasses import dataclass
from functools import cache

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from . import dataintegrity

LEGACY_KEY_ID = "key-1"
# The id is a URL fragment of the issuer document (issuer#id).
KEY_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@dataclass(frozen=True)
class SigningKey:
    id: str
    private: Ed25519PrivateKey
    retired: bool

    @property
    def public(self):
        return self.private.public_key()

    @property
    def multibase(self) -> str:
        return dataintegrity.public_key_multibase(self.public)


def _seed(value: str, key_id: str) -> bytes:
    value = value.strip()
    try:
        seed = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        seed = b""
    if len(seed) != 32:
        raise ImproperlyConfigured(
            f"signing key {key_id!r}: expected the base64 of a 32-byte Ed25519 seed"
        )
    return seed


def _pairs(configured: str) -> list[tuple[str, str]]:
    configured = configured.strip()
    if not configured:
        return []
    if configured.startswith("["):
        try:
            items = json.loads(configured)
            return [(str(item["id"]), str(item["seed"])) for item in items]
        except (ValueError, TypeError, KeyError) as exc:
            raise ImproperlyConfigured(
                'CERTIFICATE_SIGNING_KEYS: expected a JSON list of {"id": ..., "seed": ...}'
            ) from exc
    pairs = []
    for part in configured.split(","):
        key_id, sep, seed = part.strip().partition(":")
        if not sep:
            raise ImproperlyConfigured(
                "CERTIFICATE_SIGNING_KEYS: expected id:base64seed, separated by commas"
            )
        pairs.append((key_id.strip(), seed))
    return pairs


@cache
def _parse(single: str, several: str, retired: tuple[str, ...]) -> tuple[SigningKey, ...]:
    pairs = ([(LEGACY_KEY_ID, single)] if single.strip() else []) + _pairs(several)
    keys, seen = [], set()
    for key_id, seed in pairs:
        if not KEY_ID.match(key_id):
            raise ImproperlyConfigured(
                f"signing key id {key_id!r}: letters, digits, '.', '_' or '-' only"
            )
        if key_id in seen:
            raise ImproperlyConfigured(f"signing key id {key_id!r} is configured twice")
        seen.add(key_id)
        private = Ed25519PrivateKey.from_private_bytes(_seed(seed, key_id))
        keys.append(SigningKey(key_id, private, key_id in retired))
    unknown = set(retired) - seen
    if unknown:
        raise ImproperlyConfigured(
            f"CERTIFICATE_RETIRED_KEY_IDS names keys not configured: {', '.join(sorted(unknown))}"
        )
    return tuple(keys)


def configured_keys() -> tuple[SigningKey, ...]:
    """Every configured key, oldest first (raises ImproperlyConfigured if one is malformed)."""
    return _parse(
        settings.CERTIFICATE_SIGNING_KEY or "",
        settings.CERTIFICATE_SIGNING_KEYS or "",
        tuple(i.strip() for i in settings.CERTIFICATE_RETIRED_KEY_IDS if i.strip()),
    )


def current_key() -> SigningKey:
    """The key new credentials and status lists are signed with: the newest not retired."""
    active = [key for key in configured_keys() if not key.retired]
    if not active:
        raise ImproperlyConfigured(
            "No certificate signing key: set CERTIFICATE_SIGNING_KEYS (or "
            "CERTIFICATE_SIGNING_KEY), with at least one key not retired."
        )
    return active[-1]


def key_by_id(key_id: str) -> SigningKey | None:
    for key in configured_keys():
        if key.id == key_id:
            return key
    return None


def new_seed() -> str:
    """A fresh random seed, as CERTIFICATE_SIGNING_KEYS takes it."""
    import os

    return base64.urlsafe_b64encode(os.urandom(32)).decode()
