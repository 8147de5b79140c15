"""Production settings pass Django's deploy checks; pages carry a CSP without inline script."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "DEBUG": "false",
    "HTTPS": "true",
    "SECRET_KEY": "x" * 20 + "production-like-secret-key-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "academy.example.ru",
    "CSRF_TRUSTED_ORIGINS": "https://academy.example.ru",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}


def _check_deploy(**changes):
    env = {**os.environ, **PRODUCTION, **changes}
    env = {name: value for name, value in env.items() if value is not None}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' fixture
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings():
    result = _check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_of_a_cache_each_worker_keeps_for_itself():
    result = _check_deploy(CACHE_URL=None)
    assert result.returncode != 0
    assert "core.W001" in result.stderr + result.stdout and "CACHE_URL" in result.stderr


def test_public_pages_forbid_inline_script_and_the_admin_keeps_its_own(client, db):
    for path in ("/verify/", "/accounts/login/"):
        response = client.get(path)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split(";")[1]
        assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "onchange=" not in response.content.decode()
    assert "Content-Security-Policy" not in client.get("/cms/login/")
