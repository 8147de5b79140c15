"""eddsa-rdfc-2022: RDF canonicalisation over pinned contexts only, the W3C test vector, and
the proof sets our credentials carry."""

import copy
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certificates import rdfc
from certificates.dataintegrity import (
    JCS,
    RDFC,
    public_key_from_multibase,
    public_key_multibase,
    sign_proof_set,
    verify,
)

VECTORS = Path(__file__).parent / "vectors"
SIGNED = json.loads((VECTORS / "eddsa-rdfc-2022-signed.json").read_text())
KEY = public_key_from_multibase(
    json.loads((VECTORS / "eddsa-jcs-2022-key.json").read_text())["publicKeyMultibase"]
)
EXAMPLES = {
    "https://www.w3.org/ns/credentials/examples/v2": json.loads(
        (VECTORS / "credentials-examples-v2.jsonld").read_text()
    )
}
DOCUMENT = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    "id": "https://example.test/credentials/1",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "issuer": {"id": "https://example.test/issuer/", "type": ["Profile"], "name": "Центр"},
    "validFrom": "2026-11-24T00:00:00Z",
    "name": "Программа",
    "credentialSubject": {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": "Кузнецова Елена Игоревна",
            }
        ],
        "achievement": {
            "id": "https://example.test/programs/1/",
            "type": ["Achievement"],
            "name": "Программа",
            "description": "72 ак. ч.",
            "criteria": {"narrative": "Всё сдано."},
        },
    },
}


@pytest.fixture
def vector_contexts(monkeypatch):
    """The W3C vector uses the VC examples context; tests add it beside the pinned ones."""
    real = rdfc.canonicalize
    monkeypatch.setattr(
        rdfc, "canonicalize", lambda document: real(document, extra_contexts=EXAMPLES)
    )


def test_the_canonical_form_of_the_w3c_vector_is_the_published_one():
    unsecured = {k: v for k, v in SIGNED.items() if k != "proof"}
    expected = (VECTORS / "eddsa-rdfc-2022-canonical.nq").read_text()
    assert rdfc.canonicalize(unsecured, extra_contexts=EXAMPLES) == expected


def test_the_w3c_rdfc_vector_verifies_and_a_change_breaks_it(vector_contexts):
    assert verify(SIGNED, KEY)
    changed = copy.deepcopy(SIGNED)
    changed["credentialSubject"]["alumniOf"] = "Another School"
    assert not verify(changed, KEY)
    assert not verify(SIGNED, Ed25519PrivateKey.generate().public_key())


def test_an_unknown_context_is_refused_and_never_fetched(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the document loader tried the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    unsecured = {k: v for k, v in SIGNED.items() if k != "proof"}
    with pytest.raises(rdfc.CanonicalizationError, match="credentials/examples/v2"):
        rdfc.canonicalize(unsecured)
    assert not verify(SIGNED, KEY)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(undefinedTerm="не подписалось бы"),
        lambda d: d["credentialSubject"]["achievement"].update(type=["Achievement", "Nope"]),
        lambda d: d.update(id="relative/id"),
    ],
)
def test_what_expansion_would_drop_is_an_error_not_left_unsigned(change):
    document = copy.deepcopy(DOCUMENT)
    rdfc.canonicalize(document)
    change(document)
    with pytest.raises(rdfc.CanonicalizationError):
        rdfc.canonicalize(document)


def test_a_control_character_is_refused_rather_than_canonicalised_differently():
    document = copy.deepcopy(DOCUMENT)
    document["name"] = "Про\x0cграмма"
    with pytest.raises(rdfc.CanonicalizationError, match="control character"):
        rdfc.canonicalize(document)


def test_a_blank_node_graph_built_to_be_expensive_is_refused():
    # Twelve indistinguishable blank nodes all linked to each other: without a bound the
    # N-degree hashing walks their permutations.
    nodes = [{"@id": f"_:b{i}"} for i in range(12)]
    for node in nodes:
        node["https://example.test/knows"] = [{"@id": other["@id"]} for other in nodes]
    with pytest.raises(rdfc.CanonicalizationError, match="too many blank nodes"):
        rdfc.canonicalize({"@graph": nodes})


def test_a_proof_set_of_both_suites_round_trips_and_every_proof_must_hold():
    key = Ed25519PrivateKey.generate()
    multikey = public_key_multibase(key.public_key())
    signed = sign_proof_set(
        DOCUMENT,
        key,
        cryptosuites=(RDFC, JCS),
        verification_method=f"https://example.test/issuer/#{multikey}",
        created="2026-11-24T00:00:00Z",
    )
    assert "proof" not in DOCUMENT
    assert [p["cryptosuite"] for p in signed["proof"]] == [RDFC, JCS]
    assert "@context" not in signed["proof"][0]  # rdfc leaves it implied, jcs keeps it
    assert signed["proof"][1]["@context"] == DOCUMENT["@context"]
    assert verify(signed, key.public_key())
    # Only the RDF meaning is signed by rdfc: key order and spacing do not matter to it…
    reordered = json.loads(json.dumps({**signed, "proof": [signed["proof"][0]]}, sort_keys=True))
    assert verify(reordered, key.public_key())
    # …but any change to a value does, to both.
    changed = copy.deepcopy(signed)
    changed["credentialSubject"]["identifier"][0]["identityHash"] = "Иванов Иван"
    for proof in changed["proof"]:
        assert not verify({**changed, "proof": proof}, key.public_key())
    unknown = {**signed, "proof": [*signed["proof"], {**signed["proof"][1], "cryptosuite": "x"}]}
    assert not verify(unknown, key.public_key())
