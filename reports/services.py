"""Writes of the aggregating app: a person's calendar feed address, made anew or revoked."""

import secrets

from django.db import transaction
from django.utils import timezone

from .models import CalendarFeed


@transaction.atomic
def create_calendar_feed(*, user) -> tuple[CalendarFeed, str]:
    """A new secret address for the user's calendar; the one before stops working (its row
    stays, revoked). Returns the feed and its key, which is not kept and shown only now."""
    revoke_calendar_feed(user=user)
    key = secrets.token_urlsafe(32)
    feed = CalendarFeed(user=user, key_hash=CalendarFeed.hash_of(key))
    feed.full_clean()
    feed.save()
    return feed, key


@transaction.atomic
def revoke_calendar_feed(*, user) -> int:
    """Stop the user's live address (the row stays, with when); how many were live (0 or 1)."""
    live = CalendarFeed.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
    return live.update(revoked_at=timezone.now())


def open_calendar_feed(*, key: str) -> CalendarFeed | None:
    """The live feed with `key` of an active account (its `user` read with it), its use
    recorded; else None."""
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(key_hash=CalendarFeed.hash_of(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is None:
        return None
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
    return feed
