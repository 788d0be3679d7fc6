"""The one way reports write their history (ReportEvent), inside the caller's transaction, through
common.events."""

from datetime import datetime
from typing import TYPE_CHECKING

from common.events import record_event
from reports.models import ReportEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def report_event(kind: str, *, actor: "User | None" = None, now: datetime, **fields) -> ReportEvent:
    """``fields``: report, batch, channel, data (common.events.record_event)."""
    return record_event(ReportEvent, kind=kind, actor=actor, now=now, **fields)
