"""Calendar feeds: one live secret URL per user; a new one replaces the old; revocable at any time."""

import hashlib
import secrets
from datetime import datetime

from django.contrib.auth.models import AbstractUser
from django.db import transaction

from audits.models import AuditEvent, CalendarFeed
from common.events import record_event


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_feed_create(*, user: AbstractUser, now: datetime) -> tuple[CalendarFeed, str]:
    """A new secret (returned once, stored hashed); the user's previous feed stops working."""
    for feed in CalendarFeed.objects.select_for_update().filter(user=user, revoked_at__isnull=True):
        calendar_feed_revoke(feed=feed, actor=user, now=now)
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(user=user, token_hash=token_hash(token))
    record_event(AuditEvent, kind=AuditEvent.Kind.FEED_CREATED, actor=user, now=now, data={"feed": feed.pk})
    return feed, token


@transaction.atomic
def calendar_feed_revoke(*, feed: CalendarFeed, actor: AbstractUser, now: datetime) -> CalendarFeed:
    feed = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
    if feed.revoked_at is None:
        feed.revoked_at = now
        feed.save(update_fields=["revoked_at", "updated_at"])
        record_event(AuditEvent, kind=AuditEvent.Kind.FEED_REVOKED, actor=actor, now=now, data={"feed": feed.pk})
    return feed


def calendar_feed_for_token(*, token: str, now: datetime) -> CalendarFeed | None:
    """The live feed of a secret, its last use recorded (at most once a minute); None when unknown."""
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True)
        .first()
    )
    if feed is None or not feed.user.is_active:
        return None
    if feed.last_used_at is None or (now - feed.last_used_at).total_seconds() > 60:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    return feed
