"""The one way reports write their history (ReportEvent), inside the caller's transaction, through
common.events. ``now`` defaults to the current time until every caller passes it."""

from datetime import datetime

from django.utils import timezone

from common.events import record_event
from reports.models import ReportEvent


def report_event(kind: str, *, actor=None, now: datetime | None = None, **fields) -> ReportEvent:
    """``fields``: report, batch, channel, data (common.events.record_event)."""
    return record_event(ReportEvent, kind=kind, actor=actor, now=now or timezone.now(), **fields)
