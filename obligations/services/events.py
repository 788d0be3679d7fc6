"""ObligationEvent rows: written only by services, in the same transaction as the change they record."""

from common.request_context import client_ip
from obligations.models import ObligationEvent

Kind = ObligationEvent.Kind


def record_event(
    kind: str, *, actor=None, channel: str = "web", data: dict | None = None, **subjects
) -> ObligationEvent:
    return ObligationEvent.objects.create(
        kind=kind,
        actor=actor if _is_user(actor) else None,
        channel=channel,
        data=data or {},
        ip_address=client_ip(),
        **subjects,
    )


def event_row(kind: str, *, actor=None, channel: str = "web", data: dict | None = None, **subjects) -> ObligationEvent:
    """An unsaved event, for bulk_create in batch services."""
    return ObligationEvent(
        kind=kind,
        actor=actor if _is_user(actor) else None,
        channel=channel,
        data=data or {},
        ip_address=client_ip(),
        **subjects,
    )


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)
