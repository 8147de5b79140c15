"""Operations that change certificates, each in one transaction: issuing, reissuing and
revoking one certificate, attendance, and a cohort's bulk issue and ZIP of PDFs. Callers
import from here."""

from .bulk import (
    build_archive,
    purge_expired_archives,
    request_archive,
    retry_failed,
    run_bulk_item,
    start_bulk_issue,
)
from .issuing import (
    issue_certificate,
    reissue_certificate,
    revoke_certificate,
    set_attendance,
    store_certificate_pdf,
)

__all__ = [
    "build_archive",
    "issue_certificate",
    "purge_expired_archives",
    "reissue_certificate",
    "request_archive",
    "retry_failed",
    "revoke_certificate",
    "run_bulk_item",
    "set_attendance",
    "start_bulk_issue",
    "store_certificate_pdf",
]
