"""The one way to write an event row: every app's event model has ``kind``, ``actor``, ``channel``,
``occurred_at``, ``data`` and ``ip_address`` (and may have ``before``/``after``), plus its own subject
foreign keys. Services call ``record_event`` inside their transaction; batch services build unsaved rows
with ``build_event`` and ``bulk_create`` them."""

from datetime import datetime

from django.db import models

from common.request_context import client_ip


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def build_event(
    model: type[models.Model],
    *,
    kind: str,
    actor,
    now: datetime,
    channel: str = "web",
    before: dict | None = None,
    after: dict | None = None,
    data: dict | None = None,
    **subjects,
) -> models.Model:
    fields = {f.name for f in model._meta.get_fields()}
    extra = {name: value for name, value in (("before", before), ("after", after)) if value is not None}
    unknown = set(extra) - fields
    if unknown:
        raise TypeError(f"{model.__name__} has no field {', '.join(sorted(unknown))}")
    return model(
        kind=kind,
        actor=actor if _is_user(actor) else None,
        channel=channel,
        occurred_at=now,
        data=data or {},
        ip_address=client_ip(),
        **extra,
        **subjects,
    )


def record_event(model: type[models.Model], **kwargs) -> models.Model:
    event = build_event(model, **kwargs)
    event.save()
    return event
