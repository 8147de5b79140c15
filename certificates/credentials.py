"""Open Badges 3.0 credentials for certificates, and the revocation status list
(BitstringStatusList) they point to.

A credential carries a proof set: eddsa-rdfc-2022 (the suite Open Badges 3.0 names, over the
JSON-LD with pinned contexts) and eddsa-jcs-2022 (over the JSON). The issuer profile is the
controller document of the keys: its Multikeys and, under assertionMethod, which of them may
sign credentials.
"""

import base64
import gzip
import hashlib
import unicodedata
from datetime import UTC

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from . import dataintegrity
from .models import Certificate

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
# Controlled Identifiers 1.0: verificationMethod, assertionMethod, controller, Multikey.
CID_CONTEXT = "https://www.w3.org/ns/cid/v1"
# What verifiers that resolve one key out of the profile expect on it (ed25519-multikey).
MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"
CREDENTIAL_CRYPTOSUITES = (dataintegrity.RDFC, dataintegrity.JCS)
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


def _verification_methods() -> list[dict]:
    """The issuer's Multikeys, as the profile lists them."""
    return [
        {
            "id": verification_method(),
            "type": "Multikey",
            "controller": issuer_id(),
            "publicKeyMultibase": public_multikey(),
        }
    ]


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


def status_list_url() -> str:
    return _absolute(reverse("certificates:status_list"))


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
            "id": f"{status_list_url()}#{certificate.pk}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(certificate.pk),
            "statusListCredential": status_list_url(),
        },
    }


def signed_open_badge(certificate) -> dict:
    """The credential with its proof set (eddsa-rdfc-2022 and eddsa-jcs-2022)."""
    return dataintegrity.sign_proof_set(
        open_badge(certificate),
        signing_key(),
        cryptosuites=CREDENTIAL_CRYPTOSUITES,
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
