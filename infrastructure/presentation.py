"""How registry events read on a page: ids become names, codes become labels, dates follow the
language (ROC years in Chinese). No writes; a constant number of queries per page."""

import re
from datetime import date, datetime

from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from common import roc
from common.templatetags.csma_dates import local_date, local_datetime
from infrastructure import selectors
from infrastructure.models import (
    Agency,
    AgencyContact,
    AgencyKind,
    CIDesignation,
    InformationSystem,
    LevelDecision,
    LevelRoute,
    Reorganisation,
    SNGACategory,
)

AGENCY_REF_KEYS = {"parent", "regulator", "designated_by", "successor", "successors"}
SECTOR_KEYS = {"sectors"}
HIDDEN_KEYS = {"decision"}
CHOICE_LABELS = {
    "kind": {**dict(AgencyKind.choices), **dict(Reorganisation.Kind.choices)},
    "sngo_category": dict(SNGACategory.choices),
    "role": dict(AgencyContact.Role.choices),
    "protection_level": dict(InformationSystem.ProtectionLevel.choices),
    "status": dict(LevelDecision.Status.choices),
    "route": dict(LevelRoute.choices),  # 分級辦法 Art 3: approval, own decision filed for reference
}
LABEL_MODELS = (Agency, AgencyContact, InformationSystem, LevelDecision, CIDesignation, Reorganisation)
KEY_LABELS = {
    "level": _("level"),
    "criteria": _("criteria met"),
    "effective_from": _("effective from"),
    "effective_on": _("effective on"),
    "reapproval_due": _("re-approval due"),
    "rule": _("legal basis"),
    "reason": _("reason"),
    "dissolved_on": _("dissolved on"),
    "designated_by": _("designating regulator"),
    "designated_on": _("designated on"),
    "approved_on": _("approved on (Executive Yuan)"),
    "notified_on": _("written notice on"),
    "withdrawn_on": _("withdrawn on"),
    "successor": _("successor"),
    "successors": _("successors"),
    "system": _("information system"),
    "created": _("created"),
    "role": _("role"),
    "valid_from": _("valid from"),
    "valid_to": _("valid to"),
    "file": _("file"),
    "row": _("row"),
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def describe_events(events) -> list[dict]:
    """Each event with its ``data`` as readable rows: [{"label", "before", "after", "has_before"}]."""
    changes = [(event, list(_event_changes(event.data or {}))) for event in events]
    agency_ids, sector_ids = set(), set()
    for _event, rows in changes:
        for key, before, after, _has_before in rows:
            target = agency_ids if key in AGENCY_REF_KEYS else sector_ids if key in SECTOR_KEYS else None
            if target is not None:
                target.update(_ints(before) + _ints(after))
    names = {
        "agencies": selectors.agency_names_by_id(ids=agency_ids) if agency_ids else {},
        "sectors": selectors.sector_names_by_id(ids=sector_ids) if sector_ids else {},
    }
    return [
        {
            "event": event,
            "rows": [
                {
                    "label": change_label(key),
                    "before": _readable(key, before, names),
                    "after": _readable(key, after, names),
                    "has_before": has_before,
                }
                for key, before, after, has_before in rows
                if key not in HIDDEN_KEYS
            ],
        }
        for event, rows in changes
    ]


def _event_changes(data: dict):
    """(key, before, after, has_before) from the three shapes the services write."""
    for key, pair in (data.get("changes") or {}).items():
        if isinstance(pair, (list, tuple)) and len(pair) == 2:
            yield key, pair[0], pair[1], True
        else:
            yield key, None, pair, False
    before, after = data.get("before") or {}, data.get("after") or {}
    if isinstance(before, dict) and isinstance(after, dict):
        for key in dict.fromkeys([*before, *after]):
            yield key, before.get(key), after.get(key), bool(before)
    for key, value in data.items():
        if key not in ("changes", "before", "after"):
            yield key, None, value, False


def _ints(value) -> list[int]:
    values = value if isinstance(value, (list, tuple)) else [value]
    return [item for item in values if isinstance(item, int) and not isinstance(item, bool)]


def change_label(key: str):
    if key in KEY_LABELS:
        return KEY_LABELS[key]
    for model in LABEL_MODELS:
        try:
            label = getattr(model._meta.get_field(key), "verbose_name", None)
        except FieldDoesNotExist:
            continue
        if label:
            return label
    return key


def _name(obj) -> str:
    english = getattr(obj, "name_en", "") if (translation.get_language() or "").startswith("en") else ""
    return english or getattr(obj, "name_zh", None) or str(obj)


def _reference(item, lookup: dict) -> str:
    """An id is shown by name; imports may already store names (or sector codes), shown as they are."""
    if isinstance(item, int) and not isinstance(item, bool):
        return _name(lookup[item]) if item in lookup else f"#{item}"
    return str(item)


def _readable(key: str, value, names: dict) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if key in AGENCY_REF_KEYS or key in SECTOR_KEYS:
        lookup = names["agencies"] if key in AGENCY_REF_KEYS else names["sectors"]
        items = value if isinstance(value, (list, tuple)) else [value]
        return "、".join(_reference(item, lookup) for item in items) or "—"
    if key in CHOICE_LABELS and isinstance(value, str):
        return str(CHOICE_LABELS[key].get(value, value))
    if isinstance(value, (list, tuple)):
        return ", ".join(_readable(key, item, names) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{change_label(k)}: {_readable(k, v, names)}" for k, v in value.items())
    if isinstance(value, str) and ISO_DATE.match(value):
        return local_date(date.fromisoformat(value))
    if isinstance(value, str) and ISO_DATETIME.match(value):
        moment = datetime.fromisoformat(value)
        return local_datetime(moment if moment.tzinfo else moment.replace(tzinfo=roc.TAIPEI))
    return str(value)
