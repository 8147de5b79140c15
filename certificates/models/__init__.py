from .certificate import Certificate, CertificateEvent, SerialCounter, certificate_pdf_path
from .jobs import BulkIssue, BulkIssueItem, CohortArchive
from .template import PLACEHOLDERS, CertificateTemplate, Signatory

__all__ = [
    "PLACEHOLDERS",
    "BulkIssue",
    "BulkIssueItem",
    "Certificate",
    "CertificateEvent",
    "CertificateTemplate",
    "CohortArchive",
    "SerialCounter",
    "Signatory",
    "certificate_pdf_path",
]
