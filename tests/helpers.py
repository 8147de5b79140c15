import io

from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    """The PDF's text layer: what a reader (or a screen reader) gets out of it."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def login(client, user):
    """Sign in as a user who has agreed to the current personal-data policy (if there is one);
    tests/lms/test_privacy.py covers being asked."""
    from lms.privacy import current_policy, record_consent

    policy = current_policy()
    if policy is not None:
        record_consent(user, policy)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client
