"""eddsa-jcs-2022 against the W3C test vector, and round trips with our own keys."""

import copy
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certificates.dataintegrity import (
    public_key_from_multibase,
    public_key_multibase,
    sign,
    verify,
)

VECTORS = Path(__file__).parent / "vectors"
SIGNED = json.loads((VECTORS / "eddsa-jcs-2022-signed.json").read_text())
KEY = public_key_from_multibase(
    json.loads((VECTORS / "eddsa-jcs-2022-key.json").read_text())["publicKeyMultibase"]
)


def test_the_w3c_test_vector_verifies():
    assert verify(SIGNED, KEY)


def tampered(path, value):
    document = copy.deepcopy(SIGNED)
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


@pytest.mark.parametrize(
    "path",
    [
        ["name"],
        ["issuer"],
        ["validFrom"],
        ["credentialSubject", "alumniOf"],
        ["credentialSubject", "id"],
        ["proof", "created"],
        ["proof", "verificationMethod"],
    ],
)
def test_changing_any_field_breaks_the_vector(path):
    assert not verify(tampered(path, "changed"), KEY)


def test_another_key_does_not_verify_the_vector():
    assert not verify(SIGNED, Ed25519PrivateKey.generate().public_key())


def test_our_signatures_round_trip_and_the_multikey_round_trips():
    key = Ed25519PrivateKey.generate()
    multikey = public_key_multibase(key.public_key())
    assert multikey.startswith("z6Mk")
    public = public_key_from_multibase(multikey)
    document = {"@context": ["https://www.w3.org/ns/credentials/v2"], "name": "Кузнецова Е. И."}
    signed = sign(
        document,
        key,
        verification_method=f"https://x/key#{multikey}",
        created="2026-11-24T00:00:00Z",
    )
    assert "proof" not in document
    assert verify(signed, public)
    signed["name"] = "Кузнецова Е. И"
    assert not verify(signed, public)


@pytest.mark.parametrize(
    "proof",
    [
        None,
        "not a proof",
        {"type": "DataIntegrityProof", "cryptosuite": "other"},
        {"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", "proofValue": "x"},
    ],
)
def test_malformed_proofs_are_refused(proof):
    document = copy.deepcopy(SIGNED)
    document["proof"] = proof
    assert not verify(document, KEY)
