"""What anonymising a person does to their certificates (lms.services.privacy calls it): the
serial, status and dates stay, so the document can still be checked; the printed name is
replaced and the stored PDF (which prints it) is deleted. The holder keeps their own copy."""

from lms.models.people import HIDDEN_NAME

from ..models import Certificate


def holder_names(user) -> list[str]:
    """Every name the person's certificates were printed under (an earlier surname too)."""
    return list(
        Certificate.objects.filter(holder=user)
        .exclude(holder_name=HIDDEN_NAME)
        .values_list("holder_name", flat=True)
    )


def anonymise_holder(user, identifiers) -> None:
    for certificate in Certificate.objects.filter(holder=user):
        if certificate.pdf:
            certificate.pdf.delete(save=False)
        certificate.holder_name = HIDDEN_NAME
        certificate.pdf_rendered_at = None
        certificate.save(update_fields=["holder_name", "pdf", "pdf_rendered_at"])
