"""ObligationEvent rows through common.events (the one writer): written only by services, in the same
transaction as the change they record. ``now`` defaults to the current time until every caller passes it."""

from datetime import datetime

from django.utils import timezone

from common import events
from obligations.models import ObligationEvent

Kind = ObligationEvent.Kind


def record_event(kind: str, *, actor=None, now: datetime | None = None, **fields) -> ObligationEvent:
    return events.record_event(ObligationEvent, kind=kind, actor=actor, now=now or timezone.now(), **fields)


def event_row(kind: str, *, actor=None, now: datetime | None = None, **fields) -> ObligationEvent:
    """An unsaved event, for bulk_create in batch services."""
    return events.build_event(ObligationEvent, kind=kind, actor=actor, now=now or timezone.now(), **fields)
