import io

from pypdf import PdfReader

from lms.privacy import current_policy
from lms.services import record_consent

# The smallest files of their type, for uploads.
PDF = b"%PDF-1.4\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf_text(data: bytes) -> str:
    """The PDF's text layer: what a reader (or a screen reader) gets out of it."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def login(client, user):
    """Sign in as a user who has agreed to the current personal-data policy (if there is one);
    tests/lms/test_privacy.py covers being asked."""

    policy = current_policy()
    if policy is not None:
        record_consent(user, policy)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def at_once(*calls):
    """Run the calls in threads released at the same moment; return their results in order.

    The first exception a call raised is raised here. Each thread closes its own database
    connection, so PostgreSQL sees real concurrent transactions."""
    import threading

    from django.db import connection

    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # raised below, in the test's thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results
