"""W3C Data Integrity proofs with the EdDSA cryptosuites: pure, no Django.

Both suites hash the same way: the proof options and the document are canonicalised, each
hashed with SHA-256, and Ed25519 signs proof-options-hash ‖ document-hash. They differ in the
canonicalisation: eddsa-jcs-2022 uses JCS (RFC 8785) on the JSON, eddsa-rdfc-2022 uses
RDF Dataset Canonicalization on the JSON-LD (certificates/rdfc.py, pinned contexts only).
A document may carry one proof or a proof set (a list of proofs, each made independently over
the document without proofs). Keys are Ed25519 Multikeys (multibase base58btc, multicodec
0xed01).
"""

import copy
import hashlib

import base58
import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from . import rdfc

ED25519_PUB_PREFIX = b"\xed\x01"
JCS = "eddsa-jcs-2022"
RDFC = "eddsa-rdfc-2022"
CRYPTOSUITE = JCS  # the default for single proofs (the status list)


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


def _jcs(document: dict) -> bytes:
    return rfc8785.dumps(document)


def _rdfc(document: dict) -> bytes:
    return rdfc.canonicalize(document).encode("utf-8")


CANONICALIZE = {JCS: _jcs, RDFC: _rdfc}


def _hash_data(cryptosuite: str, document: dict, proof_options: dict) -> bytes:
    canonical = CANONICALIZE[cryptosuite]
    return (
        hashlib.sha256(canonical(proof_options)).digest()
        + hashlib.sha256(canonical(document)).digest()
    )


def _unsecured(document: dict) -> dict:
    unsecured = copy.deepcopy(document)
    unsecured.pop("proof", None)
    return unsecured


def create_proof(
    unsecured: dict,
    key: Ed25519PrivateKey,
    *,
    cryptosuite: str,
    verification_method: str,
    created: str,
    proof_purpose: str = "assertionMethod",
) -> dict:
    """A DataIntegrityProof over a document that has no proof."""
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": cryptosuite,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    options = dict(proof)
    if "@context" in unsecured:
        options["@context"] = unsecured["@context"]
        if cryptosuite == JCS:  # eddsa-jcs-2022 keeps the context in the proof
            proof["@context"] = unsecured["@context"]
    signature = key.sign(_hash_data(cryptosuite, unsecured, options))
    proof["proofValue"] = "z" + base58.b58encode(signature).decode()
    return proof


def sign(
    document: dict,
    key: Ed25519PrivateKey,
    *,
    verification_method: str,
    created: str,
    proof_purpose: str = "assertionMethod",
    cryptosuite: str = CRYPTOSUITE,
) -> dict:
    """The document with one DataIntegrityProof added (the input is not changed)."""
    unsecured = _unsecured(document)
    proof = create_proof(
        unsecured,
        key,
        cryptosuite=cryptosuite,
        verification_method=verification_method,
        created=created,
        proof_purpose=proof_purpose,
    )
    return {**unsecured, "proof": proof}


def sign_proof_set(
    document: dict,
    key: Ed25519PrivateKey,
    *,
    cryptosuites: tuple[str, ...],
    verification_method: str,
    created: str,
    proof_purpose: str = "assertionMethod",
) -> dict:
    """The document with a proof set: one proof per cryptosuite, each over the document."""
    unsecured = _unsecured(document)
    proofs = [
        create_proof(
            unsecured,
            key,
            cryptosuite=suite,
            verification_method=verification_method,
            created=created,
            proof_purpose=proof_purpose,
        )
        for suite in cryptosuites
    ]
    return {**unsecured, "proof": proofs}


def proofs_of(secured: dict) -> list:
    """The document's proofs: one, a set, or none."""
    proof = secured.get("proof")
    if proof is None:
        return []
    return proof if isinstance(proof, list) else [proof]


def verify_proof(unsecured: dict, proof, public_key: Ed25519PublicKey) -> bool:
    """True if one proof (of a supported cryptosuite) is valid for the document and key."""
    if not isinstance(proof, dict) or proof.get("type") != "DataIntegrityProof":
        return False
    cryptosuite = proof.get("cryptosuite")
    if not isinstance(cryptosuite, str) or cryptosuite not in CANONICALIZE:
        return False
    proof_value = proof.get("proofValue", "")
    if not isinstance(proof_value, str) or not proof_value.startswith("z"):
        return False
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    unsecured = dict(unsecured)
    if "@context" in options:
        context = unsecured.get("@context")
        expected = options["@context"]
        expected = expected if isinstance(expected, list) else [expected]
        actual = context if isinstance(context, list) else [context]
        if actual[: len(expected)] != expected:
            return False
        unsecured["@context"] = options["@context"]
    elif cryptosuite == RDFC and "@context" in unsecured:
        options["@context"] = unsecured["@context"]  # RDFC proofs leave it implied
    try:
        signature = base58.b58decode(proof_value[1:])
        public_key.verify(signature, _hash_data(cryptosuite, unsecured, options))
    except (InvalidSignature, ValueError, TypeError, RecursionError):
        return False
    return True


def verify(secured: dict, public_key) -> bool:
    """True if the document has a proof or a proof set and every proof in it is valid.

    `public_key` is one Ed25519 public key, or a function that takes a proof's
    verificationMethod and answers the key it names (None: unknown, the proof fails).
    JCS proofs are checked first: they are cheap, and a document they reject never reaches
    the JSON-LD processing of the RDFC ones.
    """
    proofs = proofs_of(secured)
    if not proofs:
        return False
    unsecured = {k: v for k, v in secured.items() if k != "proof"}
    ordered = sorted(
        proofs, key=lambda p: not (isinstance(p, dict) and p.get("cryptosuite") == JCS)
    )
    resolve = public_key if callable(public_key) else (lambda _method: public_key)
    for proof in ordered:
        method = proof.get("verificationMethod") if isinstance(proof, dict) else None
        key = resolve(method) if isinstance(method, str) else None
        if key is None or not verify_proof(unsecured, proof, key):
            return False
    return True
