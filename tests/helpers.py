import io

from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    """The PDF's text layer: what a reader (or a screen reader) gets out of it."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def login(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client
