"""The audit trail as people read it: who (their name), did what, to which object (its name, not its table
and id), and what changed (field label: before → after), times in Asia/Taipei, codes as their labels.
Runs over one page of ``access.trail`` rows; a few queries per page (names of the actors and of objects
referred to by id)."""

import json

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from access.trail import trail_sources
from common.display import display_value
from common.names import person_name
from common.templatetags.csma_dates import local_year_label

OBJECT_TYPES = {"agency": gettext_lazy("Agency"), "user": gettext_lazy("User")}
# Keys of the registry and access events' data; internal ids (decision, assignment) are left out.
EVENT_KEYS = {
    "source": gettext_lazy("Source"),
    "level": gettext_lazy("Level"),
    "criteria": gettext_lazy("Criteria"),
    "effective_from": gettext_lazy("Effective from"),
    "reapproval_due": gettext_lazy("Re-approval due"),
    "rule": gettext_lazy("Legal basis"),
    "designated_on": gettext_lazy("Designated on"),
    "sectors": gettext_lazy("Sectors"),
    "kind": gettext_lazy("Kind"),
    "effective_on": gettext_lazy("Effective on"),
    "successors": gettext_lazy("Successors"),
    "role": gettext_lazy("Role"),
    "name": gettext_lazy("Name"),
}
SOURCES = {
    "seed_demo": gettext_lazy("demo data"),
    "import": gettext_lazy("roster import"),
    "cli": gettext_lazy("command line"),
}
SKIPPED_FIELDS = {"id", "password", "last_login", "created_at", "updated_at"}


def _model(object_type: str):
    if "." not in (object_type or ""):
        return None
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field_changes(model, changes: dict) -> list[dict]:
    rows = []
    for name, pair in changes.items():
        if name in SKIPPED_FIELDS or not isinstance(pair, list | tuple) or len(pair) != 2:
            continue
        try:
            field = model._meta.get_field(name) if model else None
        except Exception:  # noqa: BLE001 — a field since removed: keep its name
            field = None
        label = str(field.verbose_name) if field is not None and hasattr(field, "verbose_name") else name
        before, after = pair
        if field is not None and getattr(field, "flatchoices", None):
            labels = {str(k): v for k, v in field.flatchoices}
            before, after = labels.get(str(before), before), labels.get(str(after), after)
        if field is not None and field.is_relation and field.related_model is not None:
            before, after = _related(field.related_model, before), _related(field.related_model, after)
        before, after = display_value(before), display_value(after)
        if before != after:  # an unchanged field (e.g. created empty) says nothing
            rows.append({"label": _(label), "before": before, "after": after})
    return rows


_RELATED_CACHE: dict = {}


def _related(model, pk):
    if pk in (None, "", "None"):
        return None
    if not str(pk).isdigit():  # auditlog writes a many-to-many or unset relation as text ("app.Model.None")
        return None if str(pk).endswith(".None") else str(pk)
    key = (model, str(pk))
    if key not in _RELATED_CACHE:
        obj = model.objects.filter(pk=pk).first()
        _RELATED_CACHE[key] = (person_name(obj) if model is get_user_model() else str(obj)) if obj else f"#{pk}"
    return _RELATED_CACHE[key]


def _event_details(data: dict, keys: dict = EVENT_KEYS, codes: dict | None = None) -> list[dict]:
    """Before → after of each key, then the details named in ``keys``; ``codes`` turns stored codes into labels."""
    codes = codes or {}

    def shown(key, value):
        if key == "source" and isinstance(value, str):
            value = SOURCES.get(value, value)
        if key == "year" and isinstance(value, int):
            return local_year_label(value)  # 民國115年 in Chinese
        return display_value(codes.get(key, {}).get(str(value), value) if value is not None else None)

    rows = []
    if isinstance(data.get("before"), dict) and isinstance(data.get("after"), dict):
        for key in sorted(set(data["before"]) | set(data["after"])):
            before, after = shown(key, data["before"].get(key)), shown(key, data["after"].get(key))
            rows.append({"label": str(keys.get(key, key)), "before": before, "after": after})
    order = list(keys)  # the order the labels are declared in: PostgreSQL's jsonb does not keep the written order
    for key in sorted((key for key in data if key in keys and key not in ("before", "after")), key=order.index):
        rows.append({"label": str(keys[key]), "value": shown(key, data[key])})
    return rows


def _labels() -> dict[str, tuple[dict, dict]]:
    """Per registered source: the detail names (access's own plus the source's) and its code labels."""
    return {key: (EVENT_KEYS | s.detail_labels(), s.value_labels()) for key, s in trail_sources().items()}


def _data(raw):
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError:
            return {}
    return raw if isinstance(raw, dict) else {}


def recorded(row: dict):
    """The event as stored: its data, with its before/after columns (if it has any) as ``before``/``after``."""
    before, after = _data(row.get("change_before")), _data(row.get("change_after"))
    if not (before or after):
        return row.get("data")
    return _data(row.get("data")) | {"before": before, "after": after}


def readable(rows: list[dict]) -> list[dict]:
    """Add ``actor_label``, ``object_label`` and ``changes`` to each row of one trail page."""
    _RELATED_CACHE.clear()
    actor_ids = {row["actor_id"] for row in rows if row.get("actor_id")}
    actors = get_user_model().objects.in_bulk(actor_ids) if actor_ids else {}
    labels = _labels()
    result = []
    for row in rows:
        model = _model(row.get("object_type", ""))
        stored = recorded(row)
        data = _data(stored)
        if row.get("source") == "field":
            changes = _field_changes(model, data)
        else:
            changes = _event_details(data, *labels.get(row.get("source"), (EVENT_KEYS, {})))
        label = row.get("label") or ""
        if row.get("source") == "read" and label:
            label = _(label)  # descriptions are stored in the language of the request that wrote them
        kind = OBJECT_TYPES.get(row.get("object_type")) or (model._meta.verbose_name if model else "")
        result.append(
            {
                **row,
                "data": stored,
                "actor_label": person_name(actors.get(row.get("actor_id"))) or row.get("actor_name") or "",
                "object_label": " ".join(part for part in (str(kind).capitalize() if kind else "", label) if part),
                "changes": changes,
            }
        )
    return result
