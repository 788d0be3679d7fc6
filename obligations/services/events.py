"""ObligationEvent rows through common.events (the one writer): written only by services, in the same
transaction as the change they record."""

from datetime import datetime
from typing import TYPE_CHECKING

from common import events
from obligations.models import ObligationEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Kind = ObligationEvent.Kind


def record_event(kind: str, *, actor: "User | None" = None, now: datetime, **fields) -> ObligationEvent:
    return events.record_event(ObligationEvent, kind=kind, actor=actor, now=now, **fields)


def event_row(kind: str, *, actor: "User | None" = None, now: datetime, **fields) -> ObligationEvent:
    """An unsaved event, for bulk_create in batch services."""
    return events.build_event(ObligationEvent, kind=kind, actor=actor, now=now, **fields)
