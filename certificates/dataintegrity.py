"""W3C Data Integrity proofs with the eddsa-jcs-2022 cryptosuite: pure, no Django.

The document and the proof options are canonicalised with JCS (RFC 8785), each hashed with
SHA-256; Ed25519 signs proof-options-hash ‖ document-hash. Keys are Ed25519 Multikeys
(multibase base58btc, multicodec 0xed01).
"""

import copy
import hashlib

import base58
import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ED25519_PUB_PREFIX = b"\xed\x01"
CRYPTOSUITE = "eddsa-jcs-2022"


def public_key_multibase(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return "z" + base58.b58encode(ED25519_PUB_PREFIX + raw).decode()


def public_key_from_multibase(value: str) -> Ed25519PublicKey:
    if not value.startswith("z"):
        raise ValueError("only base58btc multibase keys are supported")
    data = base58.b58decode(value[1:])
    if not data.startswith(ED25519_PUB_PREFIX) or len(data) != 34:
        raise ValueError("not an Ed25519 multikey")
    return Ed25519PublicKey.from_public_bytes(data[2:])


def _hash_data(document: dict, proof_options: dict) -> bytes:
    return (
        hashlib.sha256(rfc8785.dumps(proof_options)).digest()
        + hashlib.sha256(rfc8785.dumps(document)).digest()
    )


def sign(
    document: dict,
    key: Ed25519PrivateKey,
    *,
    verification_method: str,
    created: str,
    proof_purpose: str = "assertionMethod",
) -> dict:
    """The document with a DataIntegrityProof added (the input is not changed)."""
    unsecured = copy.deepcopy(document)
    unsecured.pop("proof", None)
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    if "@context" in unsecured:
        proof["@context"] = unsecured["@context"]
    signature = key.sign(_hash_data(unsecured, proof))
    proof["proofValue"] = "z" + base58.b58encode(signature).decode()
    return {**unsecured, "proof": proof}


def verify(secured: dict, public_key: Ed25519PublicKey) -> bool:
    """True if the document's eddsa-jcs-2022 proof is valid for the key."""
    proof = secured.get("proof")
    if not isinstance(proof, dict) or proof.get("type") != "DataIntegrityProof":
        return False
    if proof.get("cryptosuite") != CRYPTOSUITE:
        return False
    proof_value = proof.get("proofValue", "")
    if not isinstance(proof_value, str) or not proof_value.startswith("z"):
        return False
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    unsecured = {k: v for k, v in secured.items() if k != "proof"}
    if "@context" in options:
        context = unsecured.get("@context")
        expected = options["@context"]
        expected = expected if isinstance(expected, list) else [expected]
        actual = context if isinstance(context, list) else [context]
        if actual[: len(expected)] != expected:
            return False
        unsecured["@context"] = options["@context"]
    try:
        signature = base58.b58decode(proof_value[1:])
        public_key.verify(signature, _hash_data(unsecured, options))
    except (InvalidSignature, ValueError):
        return False
    return True
