"""An independent verifier accepts our credentials: Digital Bazaar's `vc` with its Data
Integrity and EdDSA cryptosuite packages (tests/certificates/verifier/, installed from npm at
test time into .cache/, pinned), offline: its document loader has only our pinned contexts
and the issuer document we serve."""

import copy
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from certificates.rdfc import pinned_contexts
from certificates.services import issue_certificate, revoke_certificate

pytestmark = pytest.mark.npm

VERIFIER = Path(__file__).parent / "verifier"


@pytest.fixture(scope="session")
def verifier_dir():
    """The verifier's packages, installed once per machine (per version of package.json)."""
    manifest = (VERIFIER / "package.json").read_bytes()
    target = (
        Path(settings.BASE_DIR)
        / ".cache"
        / ("credential-verifier-" + hashlib.sha256(manifest).hexdigest()[:12])
    )
    if not (target / ".installed").exists():
        target.mkdir(parents=True, exist_ok=True)
        (target / "package.json").write_bytes(manifest)
        subprocess.run(
            [shutil.which("npm"), "install", "--no-package-lock", "--no-audit", "--no-fund"],
            cwd=target,
            check=True,
            capture_output=True,
            timeout=300,
        )
        (target / ".installed").touch()
    # The script runs from beside its node_modules (ES modules resolve from the file).
    shutil.copyfile(VERIFIER / "verify.mjs", target / "verify.mjs")
    return target


@pytest.fixture
def run_verifier(verifier_dir, tmp_path):
    def run(credentials, *, issuer, status_list=None):
        request = {
            "contexts": pinned_contexts(),
            "issuer": issuer,
            "credentials": credentials,
            "statusList": status_list,
        }
        path = tmp_path / "request.json"
        path.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
        done = subprocess.run(
            ["node", str(verifier_dir / "verify.mjs"), str(path)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    return run


@pytest.fixture
def served(client, demo, graduate):
    """A freshly issued credential, the issuer document and the status list, as served."""
    certificate = issue_certificate(
        holder=graduate, cohort=demo.cohort, issued_by=demo.users["admin"]
    )

    def get(name, **kwargs):
        return json.loads(client.get(reverse(f"certificates:{name}", **kwargs)).content)

    return {
        "certificate": certificate,
        "credential": get("credential", args=[certificate.code]),
        "issuer": get("issuer"),
        "status": get("status_list", args=[certificate.status_list]),
        "get": get,
    }


def _proofs(verdict):
    return {p["cryptosuite"]: p["verified"] for p in verdict["proofs"]}


def test_a_fresh_credential_verifies_with_both_proofs_and_one_changed_field_fails(
    run_verifier, served
):
    credential = served["credential"]
    renamed = copy.deepcopy(credential)
    renamed["credentialSubject"]["identifier"][0]["identityHash"] = "Иванов Иван Иванович"
    later = copy.deepcopy(credential)
    later["validFrom"] = "2025-01-01T00:00:00Z"
    answer = run_verifier(
        [credential, renamed, later], issuer=served["issuer"], status_list=served["status"]
    )
    good, *tampered = answer["verdicts"]
    assert good["verified"], good
    assert _proofs(good) == {"eddsa-rdfc-2022": True, "eddsa-jcs-2022": True}
    assert good["status"] == {"verified": True, "checked": True, "revoked": False}
    for verdict in tampered:
        assert not verdict["verified"]
        assert _proofs(verdict) == {"eddsa-rdfc-2022": False, "eddsa-jcs-2022": False}


def test_the_key_must_be_an_assertion_method_of_the_issuer(run_verifier, served):
    issuer = {k: v for k, v in served["issuer"].items() if k != "assertionMethod"}
    (verdict,) = run_verifier([served["credential"]], issuer=issuer)["verdicts"]
    assert not verdict["verified"]
    assert "not authorized by controller" in verdict["error"]


def test_a_revoked_credential_fails_its_status_check(run_verifier, served, demo):
    revoke_certificate(
        certificate=served["certificate"], reason="Ошибка в ФИО", revoked_by=demo.users["admin"]
    )
    status = served["get"]("status_list", args=[served["certificate"].status_list])
    (verdict,) = run_verifier([served["credential"]], issuer=served["issuer"], status_list=status)[
        "verdicts"
    ]
    assert _proofs(verdict) == {"eddsa-rdfc-2022": True, "eddsa-jcs-2022": True}
    assert verdict["status"]["revoked"] is True
    assert not verdict["verified"]


def test_our_pinned_contexts_equal_the_published_packages(run_verifier, served):
    answer = run_verifier([], issuer=served["issuer"])
    assert answer["contexts"] == {
        "https://www.w3.org/ns/credentials/v2": True,
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": True,
        "https://w3id.org/security/multikey/v1": True,
        "https://w3id.org/security/data-integrity/v2": True,
        # Controlled Identifiers: in no npm package; its source is named in the README.
        "https://www.w3.org/ns/cid/v1": None,
    }


def test_a_credential_signed_with_a_retired_key_still_verifies(
    run_verifier, settings, client, demo, graduate
):
    """Issue 18: key "a" signed a credential, then "b" was added and "a" retired. The issuer
    document lists both; the verifier takes each proof's key by its verificationMethod."""
    from tests.certificates.test_keys import SEED_A, SEED_B

    settings.CERTIFICATE_SIGNING_KEY = ""
    settings.CERTIFICATE_SIGNING_KEYS = f"a:{SEED_A}"
    certificate = issue_certificate(
        holder=graduate, cohort=demo.cohort, issued_by=demo.users["admin"]
    )
    url = reverse("certificates:credential", args=[certificate.code])
    old = json.loads(client.get(url).content)
    settings.CERTIFICATE_SIGNING_KEYS = f"a:{SEED_A},b:{SEED_B}"
    settings.CERTIFICATE_RETIRED_KEY_IDS = ["a"]
    new = json.loads(client.get(url).content)
    issuer = json.loads(client.get(reverse("certificates:issuer")).content)
    status = json.loads(
        client.get(reverse("certificates:status_list", args=[certificate.status_list])).content
    )
    assert [p["verificationMethod"].rsplit("#", 1)[1] for p in old["proof"]] == ["a", "a"]
    assert [p["verificationMethod"].rsplit("#", 1)[1] for p in new["proof"]] == ["b", "b"]
    assert status["proof"]["verificationMethod"].endswith("#b")
    verdicts = run_verifier([old, new], issuer=issuer, status_list=status)["verdicts"]
    for verdict in verdicts:
        assert verdict["verified"], verdict
        assert _proofs(verdict) == {"eddsa-rdfc-2022": True, "eddsa-jcs-2022": True}
        assert verdict["status"] == {"verified": True, "checked": True, "revoked": False}
    # Without key "a" in the issuer document, the old credential fails.
    only_b = {
        **issuer,
        "verificationMethod": issuer["verificationMethod"][1:],
        "assertionMethod": issuer["assertionMethod"][1:],
    }
    (verdict,) = run_verifier([old], issuer=only_b)["verdicts"]
    assert not verdict["verified"]


def test_a_replaced_credential_fails_its_status_check(run_verifier, served, demo, graduate):
    from certificates.services import reissue_certificate

    graduate.last_name = "Кузнецова-Иванова"
    graduate.save()
    reissue_certificate(
        certificate=served["certificate"], reissued_by=demo.users["admin"], reason="Фамилия"
    )
    status = served["get"]("status_list", args=[served["certificate"].status_list])
    (verdict,) = run_verifier([served["credential"]], issuer=served["issuer"], status_list=status)[
        "verdicts"
    ]
    assert verdict["status"]["revoked"] is True and not verdict["verified"]
