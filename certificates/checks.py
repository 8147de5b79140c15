"""System checks of the certificate keys (issue 18): `check`, `check --deploy`, and the web
and workers at start (core.checks.refuse_to_start_on_errors)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

from . import keys


@register(Tags.security)
def well_formed_signing_keys(app_configs, **kwargs):
    """Keys that are configured must be readable, wherever (migrations, shells too)."""
    try:
        keys.configured_keys()
    except ImproperlyConfigured as exc:
        return [Error(f"Certificate signing keys: {exc}", id="certificates.E002")]
    return []


@register(Tags.security, deploy=True)
def signing_key_configured(app_configs, **kwargs):
    """A key to sign with: under `check --deploy` and when the web or a worker starts, not
    for every management command (migrations run without one)."""
    try:
        configured = keys.configured_keys()
    except ImproperlyConfigured:
        return []  # reported by well_formed_signing_keys
    if any(not key.retired for key in configured):
        return []
    hint = (
        "Set CERTIFICATE_SIGNING_KEYS=<id>:<seed>, the seed from "
        "`python -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())'`"
        " (README.md, «Keys»)."
    )
    message = (
        "Every certificate signing key is retired."
        if configured
        else "No certificate signing key is configured: credentials cannot be signed."
    )
    if settings.DEBUG:
        return [Warning(message, hint=hint, id="certificates.W001")]
    return [Error(message, hint=hint, id="certificates.E001")]
