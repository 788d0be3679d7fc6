"""The one place registry events are written (always inside the caller's transaction)."""

from common.request_context import client_ip
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
) -> AgencyEvent:
    return AgencyEvent.objects.create(
        agency=agency,
        kind=kind,
        actor=actor,
        channel=channel,
        data=jsonable(data or {}),
        registry_import=registry_import,
        ip_address=client_ip(),
    )
