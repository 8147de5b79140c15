"""Signing keys (issue 18): configured, never derived; several, with ids; rotation and
retirement; the web and the workers refuse to start without them (DEBUG off)."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from certificates import keys
from certificates.checks import signing_key_configured, well_formed_signing_keys
from certificates.credentials import (
    check,
    issuer_id,
    resolve_key,
    signed_open_badge,
    signing_key,
    status_list_credential,
)
from certificates.services import issue_certificate

SEED_A = "YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE="  # 32 × "a"
SEED_B = "YmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmI="  # 32 × "b"
BIN = os.path.dirname(sys.executable)

# Production-like, but without a signing key and with the development SECRET_KEY.
UNCONFIGURED = {
    "DEBUG": "false",
    "SECRET_KEY": None,
    "CERTIFICATE_SIGNING_KEY": None,
    "CERTIFICATE_SIGNING_KEYS": None,
    "ALLOWED_HOSTS": "academy.example.ru",
}


def _env(**changes):
    env = {**os.environ, **UNCONFIGURED, **changes}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return {name: value for name, value in env.items() if value is not None}


def _run(argv, timeout=120, **changes):
    return subprocess.run(
        argv,
        cwd=django_settings.BASE_DIR,
        env=_env(**changes),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def two_keys(settings):
    """Key "a" signed until now; "b" is added, and "a" retired."""
    settings.CERTIFICATE_SIGNING_KEY = ""
    settings.CERTIFICATE_SIGNING_KEYS = f"a:{SEED_A}"
    settings.CERTIFICATE_RETIRED_KEY_IDS = []

    def rotate():
        settings.CERTIFICATE_SIGNING_KEYS = f"a:{SEED_A},b:{SEED_B}"
        settings.CERTIFICATE_RETIRED_KEY_IDS = ["a"]

    return rotate


@pytest.fixture
def certificate(demo, graduate):
    return issue_certificate(holder=graduate, cohort=demo.cohort, issued_by=demo.users["admin"])


# -- configuration ---------------------------------------------------------------------------


def test_no_key_is_derived_from_the_secret_key(settings):
    settings.CERTIFICATE_SIGNING_KEY = ""
    settings.CERTIFICATE_SIGNING_KEYS = ""
    with pytest.raises(ImproperlyConfigured, match="No certificate signing key"):
        signing_key()
    settings.DEBUG = False
    (error,) = signing_key_configured(None)
    assert error.id == "certificates.E001" and error.is_serious()
    settings.DEBUG = True
    (warning,) = signing_key_configured(None)
    assert warning.id == "certificates.W001" and not warning.is_serious()


def test_the_single_key_setting_is_key_1_and_the_oldest(settings):
    settings.CERTIFICATE_SIGNING_KEY = SEED_A
    settings.CERTIFICATE_SIGNING_KEYS = ""
    assert [k.id for k in keys.configured_keys()] == ["key-1"]
    settings.CERTIFICATE_SIGNING_KEYS = f"key-2:{SEED_B}"
    assert [k.id for k in keys.configured_keys()] == ["key-1", "key-2"]
    assert keys.current_key().id == "key-2"


def test_keys_are_read_from_a_json_list_too(settings):
    settings.CERTIFICATE_SIGNING_KEY = ""
    settings.CERTIFICATE_SIGNING_KEYS = json.dumps(
        [{"id": "2025", "seed": SEED_A}, {"id": "2026", "seed": SEED_B}]
    )
    assert [k.id for k in keys.configured_keys()] == ["2025", "2026"]
    assert keys.current_key().id == "2026"


@pytest.mark.parametrize(
    "configured, retired, message",
    [
        ("a:not-base64!", [], "32-byte"),
        (f"a:{SEED_A[:-8]}", [], "32-byte"),
        (f"a:{SEED_A},a:{SEED_B}", [], "twice"),
        (f"a b:{SEED_A}", [], "letters, digits"),
        (SEED_A, [], "id:base64seed"),
        (f"a:{SEED_A}", ["z"], "not configured"),
        ('[{"seed": "x"}]', [], "JSON list"),
    ],
)
def test_a_malformed_key_is_a_system_check_error(settings, configured, retired, message):
    settings.CERTIFICATE_SIGNING_KEY = ""
    settings.CERTIFICATE_SIGNING_KEYS = configured
    settings.CERTIFICATE_RETIRED_KEY_IDS = retired
    (error,) = well_formed_signing_keys(None)
    assert error.id == "certificates.E002" and message in error.msg


def test_all_keys_retired_is_an_error_with_debug_off(settings):
    settings.DEBUG = False
    settings.CERTIFICATE_SIGNING_KEY = ""
    settings.CERTIFICATE_SIGNING_KEYS = f"a:{SEED_A}"
    settings.CERTIFICATE_RETIRED_KEY_IDS = ["a"]
    (error,) = signing_key_configured(None)
    assert error.id == "certificates.E001" and "retired" in error.msg


# -- rotation --------------------------------------------------------------------------------


def test_after_a_rotation_new_credentials_use_the_new_key_and_old_ones_still_verify(
    client, two_keys, certificate
):
    old = signed_open_badge(certificate)
    assert {p["verificationMethod"] for p in old["proof"]} == {f"{issuer_id()}#a"}
    two_keys()
    new = signed_open_badge(certificate)
    assert {p["verificationMethod"] for p in new["proof"]} == {f"{issuer_id()}#b"}
    status = status_list_credential(certificate.status_list)
    assert status["proof"]["verificationMethod"] == f"{issuer_id()}#b"
    # Checked with the key each proof names: the retired key's credential still verifies.
    assert check(old, status_list=status) == {"valid": True, "revoked": False}
    assert check(new, status_list=status) == {"valid": True, "revoked": False}
    # ... and the key matters: one proof's method swapped to the other key fails.
    swapped = json.loads(json.dumps(old))
    swapped["proof"][0]["verificationMethod"] = f"{issuer_id()}#b"
    assert not check(swapped)["valid"]
    # The verify page's file check agrees.
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("old.json", json.dumps(old).encode())
    page = client.post(reverse("certificates:check_credential"), {"credential": upload})
    assert "Подпись верна, удостоверение действительно." in page.content.decode()


def test_the_issuer_document_lists_every_key_under_assertion_method(client, two_keys):
    two_keys()
    issuer = client.get(reverse("certificates:issuer")).json()
    a, b = (keys.key_by_id(i) for i in ("a", "b"))
    assert issuer["verificationMethod"] == [
        {
            "id": f"{issuer['id']}#{key.id}",
            "type": "Multikey",
            "controller": issuer["id"],
            "publicKeyMultibase": key.multibase,
        }
        for key in (a, b)
    ]
    assert issuer["assertionMethod"] == [f"{issuer['id']}#a", f"{issuer['id']}#b"]


def test_a_key_taken_out_of_the_configuration_no_longer_verifies(settings, two_keys, certificate):
    """A compromised key is removed, not retired: what it signed stops verifying."""
    old = signed_open_badge(certificate)
    two_keys()
    assert check(old)["valid"]
    settings.CERTIFICATE_SIGNING_KEYS = f"b:{SEED_B}"
    settings.CERTIFICATE_RETIRED_KEY_IDS = []
    assert not check(old)["valid"]


def test_credentials_naming_their_key_by_multikey_still_verify(two_keys, certificate):
    """Before keys had ids, the verificationMethod was issuer#publicKeyMultibase."""
    key = keys.current_key()
    assert resolve_key(f"{issuer_id()}#{key.multibase}") is not None
    assert resolve_key(f"https://elsewhere.example/issuer/#{key.id}") is None
    assert resolve_key(f"{issuer_id()}#unknown") is None


# -- refusing to start -----------------------------------------------------------------------


def test_check_deploy_fails_without_keys_and_passes_the_key_checks_with_them():
    command = [sys.executable, "manage.py", "check", "--deploy"]
    bare = _run(command)
    assert bare.returncode != 0
    assert "certificates.E001" in bare.stderr and "No certificate signing key" in bare.stderr
    assert "core.E001" in bare.stderr and "SECRET_KEY" in bare.stderr
    configured = _run(
        command, SECRET_KEY="a-real-secret-" + "k" * 40, CERTIFICATE_SIGNING_KEYS=f"a:{SEED_A}"
    )
    output = configured.stdout + configured.stderr
    assert "certificates.E001" not in output and "core.E001" not in output
    assert configured.returncode == 0, output


def test_an_empty_secret_key_is_refused_too():
    result = _run(
        [sys.executable, "manage.py", "check", "--deploy"],
        SECRET_KEY="",
        CERTIFICATE_SIGNING_KEYS=f"a:{SEED_A}",
    )
    assert result.returncode != 0 and "core.E001" in result.stderr


def test_migrations_still_run_without_a_key():
    """Only `check --deploy` and the servers insist: `migrate` and the like need no key."""
    result = _run([sys.executable, "manage.py", "check"])
    assert result.returncode == 0, result.stderr


def test_the_web_application_refuses_to_load_without_keys():
    result = _run([sys.executable, "-c", "import lms.wsgi"])
    assert result.returncode != 0
    assert "The web server refuses to start" in result.stderr
    assert "certificates.E001" in result.stderr
    loaded = _run(
        [sys.executable, "-c", "import lms.wsgi"],
        SECRET_KEY="a-real-secret-" + "k" * 40,
        CERTIFICATE_SIGNING_KEYS=f"a:{SEED_A}",
    )
    assert loaded.returncode == 0, loaded.stderr


@pytest.mark.celery_worker
@pytest.mark.parametrize(
    "argv, who",
    [
        (["worker", "--pool=solo", "--concurrency=1", "-n", "keys-check@localhost"], "worker"),
        (["beat", "--schedule=/tmp/keys-check-beat"], "beat"),
    ],
)
def test_a_celery_process_refuses_to_start_without_keys(argv, who):
    # A real start, not --help: it would run until killed if the check let it through.
    try:
        result = _run(
            [os.path.join(BIN, "celery"), "-A", "lms", *argv],
            timeout=90,
            CELERY_TASK_DEFAULT_QUEUE=f"keys-check-{os.getpid()}",  # takes nobody's tasks
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"celery {who} started without a signing key")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "refuses to start" in output and "certificates.E001" in output
