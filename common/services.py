"""Generic write helpers (HackSoft styleguide, "model_update")."""

from typing import Any

from django.db import models


def model_update(*, instance: models.Model, fields: list[str], data: dict[str, Any]) -> tuple[models.Model, dict]:
    """Set the given fields from ``data``; save only what changed.

    Returns the instance and a ``{field: [before, after]}`` diff (empty when nothing changed).
    """
    changes: dict[str, list] = {}
    for field in fields:
        if field in data and getattr(instance, field) != data[field]:
            changes[field] = [getattr(instance, field), data[field]]
            setattr(instance, field, data[field])
    if changes:
        instance.full_clean()
        update_fields = list(changes) + (["updated_at"] if hasattr(instance, "updated_at") else [])
        instance.save(update_fields=update_fields)
    return instance, changes
