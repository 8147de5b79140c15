"""Files a team attaches to its draft: size-limited, typed by their first bytes, stored
under a random name."""

import os
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    RouteAttachment,
    RouteDesign,
)
from .routes import draft_of, team_membership

ATTACHMENT_TYPES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


def sniff_content_type(head: bytes) -> str | None:
    """The file's real type from its first bytes, whatever its name says."""
    return next((kind for magic, kind in ATTACHMENT_TYPES.items() if head.startswith(magic)), None)


@transaction.atomic
def add_attachment(*, design: RouteDesign, user, upload) -> RouteAttachment:
    """Attach a PDF or an image to the team's draft."""
    if team_membership(user, design) is None:
        raise PermissionDenied("only the team attaches files")
    draft = draft_of(design)
    if draft is None or design.state == RouteDesign.State.ACCEPTED:
        raise ValidationError(_("К принятому маршруту файлы не добавляются."))
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(_("Файл больше 10 МБ."))
    head = upload.read(16)
    upload.seek(0)
    kind = sniff_content_type(head)
    if kind is None:
        raise ValidationError(_("Можно прикладывать только PDF, PNG и JPEG."))
    name = os.path.basename(upload.name)[:200] or "file"
    attachment = RouteAttachment(
        version=draft,
        original_name=name,
        content_type=kind,
        size=upload.size,
        uploaded_by=user,
        uploaded_at=timezone.now(),
    )
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}[kind]
    attachment.file.save(f"{uuid.uuid4().hex}.{extension}", upload, save=False)
    attachment.save()
    return attachment
