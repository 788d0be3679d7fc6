"""The one way reports write their history (ReportEvent), inside the caller's transaction."""

from common.request_context import client_ip
from reports.models import ReportEvent


def report_event(kind: str, *, actor=None, report=None, batch=None, channel: str = "web", data=None) -> ReportEvent:
    return ReportEvent.objects.create(
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        report=report,
        batch=batch,
        channel=channel,
        data=data or {},
        ip_address=client_ip(),
    )
