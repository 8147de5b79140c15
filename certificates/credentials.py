"""Open Badges 3.0 credentials for certificates, signed with eddsa-jcs-2022, and the
revocation status list (BitstringStatusList) they point to."""

import base64
import gzip
import hashlib
from datetime import UTC

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from . import dataintegrity
from .models import Certificate

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
STATUS_LIST_BITS = 131_072  # the specification's minimum, for herd privacy


def signing_key() -> Ed25519PrivateKey:
    """The issuer's Ed25519 key: CERTIFICATE_SIGNING_KEY (base64 of a 32-byte seed).

    Without one (development, tests) a key is derived from SECRET_KEY.
    """
    configured = settings.CERTIFICATE_SIGNING_KEY
    if configured:
        seed = base64.urlsafe_b64decode(configured + "=" * (-len(configured) % 4))
    else:
        seed = hashlib.sha256(b"certificate-signing:" + settings.SECRET_KEY.encode()).digest()
    return Ed25519PrivateKey.from_private_bytes(seed)


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def issuer_id() -> str:
    return _absolute(reverse("certificates:issuer"))


def public_multikey() -> str:
    return dataintegrity.public_key_multibase(signing_key().public_key())


def verification_method() -> str:
    return f"{issuer_id()}#{public_multikey()}"


def issuer_profile() -> dict:
    """The issuer's public profile with its key: what a verifier fetches once."""
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": issuer_id(),
        "type": ["Profile"],
        "name": settings.CERTIFICATE_ISSUER_NAME,
        "url": settings.SITE_URL,
        "verificationMethod": [
            {
                "id": verification_method(),
                "type": "Multikey",
                "controller": issuer_id(),
                "publicKeyMultibase": public_multikey(),
            }
        ],
    }


def _iso(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def status_list_url() -> str:
    return _absolute(reverse("certificates:status_list"))


def open_badge(certificate) -> dict:
    """The certificate as an unsigned OpenBadgeCredential."""
    program_url = _absolute(certificate.program.url or "/")
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
        "name": certificate.program_title,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": certificate.holder_name,
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": certificate.serial,
                    "identityType": "identifier",
                    "hashed": False,
                }
            ],
            "achievement": {
                "id": program_url,
                "type": ["Achievement"],
                "name": certificate.program_title,
                "description": f"{certificate.qualification}, {certificate.hours} ак. ч.",
                "criteria": {
                    "narrative": "Пройдены все модули программы, сданы тесты, маршрут команды "
                    "принят наставником по рубрике."
                },
            },
        },
        "credentialStatus": {
            "id": f"{status_list_url()}#{certificate.pk}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(certificate.pk),
            "statusListCredential": status_list_url(),
        },
    }


def signed_open_badge(certificate) -> dict:
    return dataintegrity.sign(
        open_badge(certificate),
        signing_key(),
        verification_method=verification_method(),
        created=_iso(certificate.issued_at),
    )


def encode_bits(revoked_indexes, size: int = STATUS_LIST_BITS) -> str:
    """Multibase base64url of the GZIP-compressed bitstring; index 0 is the first bit."""
    bits = bytearray(size // 8)
    for index in revoked_indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    return "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits))).decode().rstrip("=")


def bit_is_set(encoded_list: str, index: int) -> bool:
    if not encoded_list.startswith("u"):
        raise ValueError("encodedList must be base64url multibase")
    data = encoded_list[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))
    if index // 8 >= len(bits):
        raise ValueError("status index outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_list_credential() -> dict:
    """The signed revocation list: one bit per certificate (its id), set when revoked."""
    revoked = Certificate.objects.filter(status=Certificate.Status.REVOKED).values_list(
        "pk", flat=True
    )
    now = _iso(timezone.now())
    document = {
        "@context": [VC_CONTEXT],
        "id": status_list_url(),
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": now,
        "credentialSubject": {
            "id": f"{status_list_url()}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode_bits(revoked),
        },
    }
    return dataintegrity.sign(
        document, signing_key(), verification_method=verification_method(), created=now
    )


def check(credential: dict, *, public_key, status_list: dict | None = None) -> dict:
    """Offline check: is the proof valid, and (given the status list) is it revoked?"""
    valid = dataintegrity.verify(credential, public_key)
    revoked = None
    entry = credential.get("credentialStatus") or {}
    if valid and status_list is not None and entry.get("statusListIndex") is not None:
        if dataintegrity.verify(status_list, public_key):
            revoked = bit_is_set(
                status_list["credentialSubject"]["encodedList"], int(entry["statusListIndex"])
            )
    return {"valid": valid, "revoked": revoked}
