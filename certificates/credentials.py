"""Open Badges 3.0 credentials for certificates, and the revocation status list
(BitstringStatusList) they point to.

A credential carries a proof set: eddsa-rdfc-2022 (the suite Open Badges 3.0 names, over the
JSON-LD with pinned contexts) and eddsa-jcs-2022 (over the JSON). The issuer profile is the
controller document of the keys: its Multikeys and, under assertionMethod, which of them may
sign credentials.
"""

import base64
import gzip
import logging
import unicodedata
from datetime import UTC, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from . import dataintegrity, keys
from .models import Certificate
from .status import last_list, list_size

log = logging.getLogger(__name__)

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
# Controlled Identifiers 1.0: verificationMethod, assertionMethod, controller, Multikey.
CID_CONTEXT = "https://www.w3.org/ns/cid/v1"
# What verifiers that resolve one key out of the profile expect on it (ed25519-multikey).
MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"
CREDENTIAL_CRYPTOSUITES = (dataintegrity.RDFC, dataintegrity.JCS)
# The list credentials pointed to before issue 18, one bit per certificate id: still served
# at its old address for the files downloaded then (certificates/views.py).
LEGACY_STATUS_LIST_BITS = 131_072
STATUS_PURPOSE = "revocation"  # set for revoked and for replaced certificates


def signing_key() -> Ed25519PrivateKey:
    """The key new credentials are signed with (certificates/keys.py: the newest not
    retired). Raises ImproperlyConfigured when no key is configured."""
    return keys.current_key().private


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def issuer_id() -> str:
    return _absolute(reverse("certificates:issuer"))


def public_multikey() -> str:
    """The current signing key's publicKeyMultibase."""
    return keys.current_key().multibase


def verification_method(key: keys.SigningKey | None = None) -> str:
    return f"{issuer_id()}#{(key or keys.current_key()).id}"


def _verification_methods() -> list[dict]:
    """The issuer's Multikeys, as the profile lists them: every configured key, retired ones
    too (what they signed still verifies; they sign nothing new)."""
    return [
        {
            "id": verification_method(key),
            "type": "Multikey",
            "controller": issuer_id(),
            "publicKeyMultibase": key.multibase,
        }
        for key in keys.configured_keys()
    ]


def resolve_key(method: str):
    """The public key a proof's verificationMethod names, if it is one of ours: issuer#key-id,
    or issuer#publicKeyMultibase as credentials named their key before keys had ids."""
    base, _, fragment = method.partition("#")
    if base != issuer_id() or not fragment:
        return None
    for key in keys.configured_keys():
        if fragment in (key.id, key.multibase):
            return key.public
    return None


def issuer_profile() -> dict:
    """The issuer's public profile and controller document: what a verifier fetches once to
    learn the keys and that they may sign credentials (assertionMethod)."""
    methods = _verification_methods()
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT, CID_CONTEXT, MULTIKEY_CONTEXT],
        "id": issuer_id(),
        "type": ["Profile"],
        "name": settings.CERTIFICATE_ISSUER_NAME,
        "url": settings.SITE_URL,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def _iso(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def status_list_url(number: int = 1) -> str:
    return _absolute(reverse("certificates:status_list", args=[number]))


def legacy_status_list_url() -> str:
    return _absolute(reverse("certificates:status_list_legacy"))


def _holder_name(certificate) -> str:
    """The holder's name as the credential states it: in full only with the holder's consent
    to its dissemination (152-ФЗ ст. 10.1), else surname and initials."""
    return certificate.public_holder_name


def _plain(text: str) -> str:
    """One line of text: no control characters (RDF canonicalisation writes some of them
    differently from library to library), single spaces."""
    return " ".join("".join(" " if unicodedata.category(c) == "Cc" else c for c in text).split())


def open_badge(certificate) -> dict:
    """The certificate as an unsigned OpenBadgeCredential.

    The holder is an IdentityObject of type "name" (Open Badges 3.0 IdentityObject): it
    names the person; the serial is the document's registration number, in its description.
    """
    program_url = _absolute(certificate.program.url or "/")
    title = _plain(certificate.program_title)
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": _absolute(reverse("certificates:credential", kwargs={"code": certificate.code})),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": issuer_id(),
            "type": ["Profile"],
            "name": settings.CERTIFICATE_ISSUER_NAME,
        },
        "validFrom": _iso(certificate.issued_at),
        "name": title,
        "description": f"Регистрационный номер {certificate.serial}",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": _plain(_holder_name(certificate)),
                }
            ],
            "achievement": {
                "id": program_url,
                "type": ["Achievement"],
                "name": title,
                "description": f"{_plain(certificate.qualification)}, {certificate.hours} ак. ч.",
                "criteria": {
                    "narrative": "Пройдены все модули программы, сданы тесты, маршрут команды "
                    "принят наставником по рубрике."
                },
            },
        },
        "credentialStatus": {
            "id": f"{status_list_url(certificate.status_list)}#{certificate.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": STATUS_PURPOSE,
            "statusListIndex": str(certificate.status_index),
            "statusListCredential": status_list_url(certificate.status_list),
        },
    }


def signed_open_badge(certificate) -> dict:
    """The credential with its proof set (eddsa-rdfc-2022 and eddsa-jcs-2022), signed with
    the current key."""
    key = keys.current_key()
    return dataintegrity.sign_proof_set(
        open_badge(certificate),
        key.private,
        cryptosuites=CREDENTIAL_CRYPTOSUITES,
        verification_method=verification_method(key),
        created=_iso(certificate.issued_at),
    )


def encode_bits(revoked_indexes, size: int = LEGACY_STATUS_LIST_BITS) -> str:
    """Multibase base64url of the GZIP-compressed bitstring; index 0 is the first bit."""
    if size % 8:
        raise ValueError("a status list has a whole number of bytes")
    bits = bytearray(size // 8)
    for index in revoked_indexes:
        if not 0 <= index < size:
            raise ValueError(f"status index {index} outside a list of {size} bits")
        bits[index // 8] |= 0x80 >> (index % 8)
    return "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits), mtime=0)).decode().rstrip("=")


def bit_is_set(encoded_list: str, index: int) -> bool:
    if not isinstance(encoded_list, str) or not encoded_list.startswith("u"):
        raise ValueError("encodedList must be base64url multibase")
    data = encoded_list[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))
    if not 0 <= index < len(bits) * 8:
        raise ValueError("status index outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


_NOT_VALID = (Certificate.Status.REVOKED, Certificate.Status.REPLACED)


def _build_status_list(list_id: str, set_bits, size: int) -> dict:
    """The signed BitstringStatusListCredential: valid from now for CERTIFICATE_STATUS_LIST_TTL."""
    key = keys.current_key()
    now = timezone.now().replace(microsecond=0)
    document = {
        "@context": [VC_CONTEXT],
        "id": list_id,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": _iso(now),
        "validUntil": _iso(now + timedelta(seconds=settings.CERTIFICATE_STATUS_LIST_TTL)),
        "credentialSubject": {
            "id": f"{list_id}#list",
            "type": "BitstringStatusList",
            "statusPurpose": STATUS_PURPOSE,
            "encodedList": encode_bits(set_bits, size),
        },
    }
    return dataintegrity.sign(
        document, key.private, verification_method=verification_method(key), created=_iso(now)
    )


def _generation_key(name) -> str:
    return f"certificates:status-list-generation:{name}"


def _cached(name, build) -> dict:
    """A signed list from the cache, signed anew only when it changed (its generation moved
    on, see invalidate_status_list), after half its validity or after a key rotation. If the
    cache does not answer, the list is signed for this request alone."""
    try:
        generation = cache.get(_generation_key(name), 0)
        cache_key = f"certificates:status-list:{name}:{generation}:{keys.current_key().id}"
        document = cache.get(cache_key)
    except Exception:  # a cache outage must not stop verification: sign it afresh
        log.exception("status list cache unavailable")
        return build()
    if document is None:
        document = build()
        try:
            cache.set(
                cache_key, document, timeout=max(1, settings.CERTIFICATE_STATUS_LIST_TTL // 2)
            )
        except Exception:
            log.exception("status list cache unavailable")
    return document


def invalidate_status_list(number: int) -> None:
    """A bit of list `number` changed: the next request signs it anew (the list of old
    credentials too). Called after the commit: a request signing the list meanwhile stores
    it under the old generation, which nobody reads again."""
    for name in (number, "legacy"):
        key = _generation_key(name)
        try:
            cache.add(key, 0, timeout=None)
            cache.incr(key)
        except Exception:
            log.exception("status list cache unavailable; list %s may stay stale", name)


def status_list_credential(number: int = 1) -> dict:
    """Signed revocation list `number`: a bit per certificate in it, set when the certificate
    is revoked or replaced."""
    size = list_size()

    def build():
        set_bits = Certificate.objects.filter(status_list=number, status__in=_NOT_VALID)
        return _build_status_list(
            status_list_url(number), set_bits.values_list("status_index", flat=True), size
        )

    return _cached(number, build)


def legacy_status_list_credential() -> dict:
    """The list credentials pointed to before issue 18: the bit at each certificate's id."""

    def build():
        set_bits = Certificate.objects.filter(
            pk__lt=LEGACY_STATUS_LIST_BITS, status__in=_NOT_VALID
        ).values_list("pk", flat=True)
        return _build_status_list(legacy_status_list_url(), set_bits, LEGACY_STATUS_LIST_BITS)

    return _cached("legacy", build)


def status_list_number(url) -> int | None:
    """Which of our lists a statusListCredential URL names (0: the legacy one), or None."""
    if not isinstance(url, str):
        return None
    if url == legacy_status_list_url():
        return 0
    prefix, _, rest = url.partition(_absolute("/certificates/status/"))
    number = rest.rstrip("/")
    if prefix or not number.isdigit() or status_list_url(int(number)) != url:
        return None
    return int(number)


def _entries(credential: dict) -> list[dict]:
    entry = credential.get("credentialStatus")
    entries = entry if isinstance(entry, list) else [entry]
    return [e for e in entries if isinstance(e, dict) and e.get("statusPurpose") == STATUS_PURPOSE]


def _index(entry: dict) -> int | None:
    value = entry.get("statusListIndex")
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return None


def check(credential: dict, *, public_key=None, status_list: dict | None = None) -> dict:
    """Offline check: is every proof valid, and (given the status list) is it revoked?

    The key is the one each proof's verificationMethod names among ours (resolve_key), or
    `public_key` if given. `revoked` is None when the status was not checked."""
    valid = dataintegrity.verify(credential, public_key or resolve_key)
    revoked = None
    if valid and status_list is not None:
        if dataintegrity.verify(status_list, public_key or resolve_key):
            for entry in _entries(credential):
                index = _index(entry)
                if entry.get("statusListCredential") != status_list.get("id") or index is None:
                    continue
                try:
                    subject = status_list["credentialSubject"]
                    revoked = bool(revoked) or bit_is_set(subject["encodedList"], index)
                except (KeyError, TypeError, ValueError, OSError, EOFError):
                    revoked = None
    return {"valid": valid, "revoked": revoked}


def _types(document: dict) -> list:
    value = document.get("type")
    return value if isinstance(value, list) else [value]


def examine(document: dict) -> dict:
    """What an uploaded JSON file is and, for one of our credentials, its check against the
    status list it names: {"kind": "credential" | "status_list" | "other", ...check}."""
    types = _types(document)
    if "BitstringStatusListCredential" in types:
        return {"kind": "status_list", "valid": dataintegrity.verify(document, resolve_key)}
    if "VerifiableCredential" not in types or "credentialSubject" not in document:
        return {"kind": "other"}
    status = None
    for entry in _entries(document):
        number = status_list_number(entry.get("statusListCredential"))
        if number == 0:
            status = legacy_status_list_credential()
        elif number is not None and number <= last_list(Certificate):
            status = status_list_credential(number)
    return {"kind": "credential", **check(document, status_list=status)}
