"""Our credentials against the Open Badges 3.0 JSON schema for AchievementCredential (a pinned
copy: tests/certificates/schemas/README.md names its source)."""

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft201909Validator

from certificates.credentials import signed_open_badge
from certificates.services import issue_certificate

SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "ob_v3p0_achievementcredential_schema.json").read_text()
)
VALIDATOR = Draft201909Validator(SCHEMA, format_checker=Draft201909Validator.FORMAT_CHECKER)


@pytest.fixture
def badge(demo, graduate):
    certificate = issue_certificate(
        holder=graduate, cohort=demo.cohort, issued_by=demo.users["admin"]
    )
    return signed_open_badge(certificate)


def _errors(document):
    return [error.message for error in VALIDATOR.iter_errors(document)]


def test_the_schema_copy_is_the_published_one():
    Draft201909Validator.check_schema(SCHEMA)
    assert SCHEMA["title"] == "JSON Schema for the AchievementCredential class."


def test_a_fresh_credential_is_a_valid_achievement_credential(badge):
    assert _errors(badge) == []


@pytest.mark.parametrize(
    "change",
    [
        # the holder's identity object with an identity type Open Badges does not define
        lambda b: b["credentialSubject"]["identifier"][0].update(identityType="serial"),
        lambda b: b["credentialSubject"]["identifier"][0].update(hashed="false"),
        lambda b: b["credentialSubject"]["identifier"][0].update(name="Кузнецова"),
        lambda b: b["credentialSubject"].pop("achievement"),
        lambda b: b["credentialSubject"]["achievement"].pop("criteria"),
        lambda b: b.update({"@context": list(reversed(b["@context"]))}),
        lambda b: b.update(proof=b["proof"][0]),  # a proof outside a list
        lambda b: b.pop("validFrom"),
        lambda b: b.update(type=["VerifiableCredential"]),
    ],
)
def test_a_changed_shape_is_refused(badge, change):
    changed = copy.deepcopy(badge)
    change(changed)
    assert _errors(changed)
