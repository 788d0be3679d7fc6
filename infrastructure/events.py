"""The one place registry events are written (always inside the caller's transaction), through
common.events."""

from datetime import datetime

from common import events
from infrastructure.models import Agency, AgencyEvent, RegistryImport


def jsonable(value):
    """Dates, decimals and model instances as plain JSON values for before/after records."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple, set)):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if hasattr(value, "pk"):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def record_event(
    *,
    agency: Agency,
    kind: AgencyEvent.Kind,
    actor=None,
    channel: AgencyEvent.Channel = AgencyEvent.Channel.SYSTEM,
    data: dict | None = None,
    registry_import: RegistryImport | None = None,
    now: datetime,
) -> AgencyEvent:
    """An AgencyEvent through common.events (the one writer)"""
    fields = {"agency": agency, "registry_import": registry_import, "data": jsonable(data or {})}
    return events.record_event(AgencyEvent, kind=kind, actor=actor, now=now, channel=channel, **fields)
