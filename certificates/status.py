"""Where each certificate's bit lies in the revocation status lists (issue 18).

A list has CERTIFICATE_STATUS_LIST_SIZE bits (131,072, the minimum W3C Bitstring Status List
asks for, so that fetching a list tells nothing of which certificate is being checked). A new
certificate gets a random free index of the newest list; a list full, the next one starts. An
index is never reused: certificates are never deleted. Two issues choosing the same bit at
once meet the unique constraint; the loser draws again.

Free of the models' module (which calls in here on save): the Certificate model is passed in.
"""

import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max

STATUS_BIT_CONSTRAINT = "one_certificate_per_status_bit"
ATTEMPTS = 20


def list_size() -> int:
    return settings.CERTIFICATE_STATUS_LIST_SIZE


def last_list(model) -> int:
    """The newest list number (1 before any certificate)."""
    return model.objects.aggregate(last=Max("status_list"))["last"] or 1


def choose_entry(model, size: int | None = None) -> tuple[int, int]:
    """A free (list, index): random in the newest list, or in a new list when it is full.

    While the list is less than half full a random index is drawn and the insert tells if it
    was taken; past that, the free indexes are listed and one of them drawn."""
    size = size or list_size()
    number = last_list(model)
    in_list = model.objects.filter(status_list=number)
    used = in_list.count()
    if used >= size:
        return number + 1, secrets.randbelow(size)
    if used < size // 2:
        return number, secrets.randbelow(size)
    taken = set(in_list.values_list("status_index", flat=True))
    return number, secrets.choice([i for i in range(size) if i not in taken])


def _bit_taken(exc: IntegrityError) -> bool:
    diag = getattr(exc.__cause__, "diag", None)
    name = getattr(diag, "constraint_name", None)
    if name is not None:
        return name == STATUS_BIT_CONSTRAINT
    return "status_index" in str(exc)  # SQLite names the columns, not the constraint


def save_with_status_entry(certificate, save, *args, **kwargs):
    """Insert a new certificate with a free status bit, drawing again if one was taken."""
    for attempt in range(ATTEMPTS):
        certificate.status_list, certificate.status_index = choose_entry(type(certificate))
        try:
            with transaction.atomic():
                return save(*args, **kwargs)
        except IntegrityError as exc:
            if not _bit_taken(exc) or attempt == ATTEMPTS - 1:
                certificate.status_list = certificate.status_index = None
                raise
    return None


def entries_for(model, count: int, *, size: int | None = None) -> list[tuple[int, int]]:
    """`count` free entries at once, for a bulk insert (the bench data): in lists after the
    last one used, each filled in random order."""
    size = size or list_size()
    entries = []
    number = last_list(model) + 1 if model.objects.exists() else 1
    while len(entries) < count:
        take = min(size, count - len(entries))
        entries.extend(
            (number, index) for index in secrets.SystemRandom().sample(range(size), take)
        )
        number += 1
    return entries
