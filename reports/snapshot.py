"""Frozen report data ⇄ JSON (stored with every generated report; re-rendered to prove the bytes)."""

import dataclasses
import types
import typing
from datetime import date, datetime
from decimal import Decimal

from reports import data as report_data

KINDS = {
    "sector": report_data.SectorSummary,
    "subtree": report_data.SectorSummary,
    "national": report_data.NationalOverview,
    "scorecard": report_data.Scorecard,
    "incident": report_data.IncidentSheet,
}


def dump(value):
    if dataclasses.is_dataclass(value):
        return {f.name: dump(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [dump(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def load(cls, raw):
    hints = typing.get_type_hints(cls)
    return cls(**{f.name: _load_value(hints[f.name], raw[f.name]) for f in dataclasses.fields(cls) if f.name in raw})


def _load_value(hint, raw):
    if raw is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _load_value(inner[0], raw)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_load_value(args[0], item) for item in raw)
        return tuple(_load_value(arg, item) for arg, item in zip(args, raw, strict=True))
    if dataclasses.is_dataclass(hint):
        return load(hint, raw)
    if hint is datetime:
        return datetime.fromisoformat(raw)
    if hint is date:
        return date.fromisoformat(raw)
    if hint is Decimal:
        return Decimal(raw)
    return raw


def snapshot_load(kind: str, raw: dict):
    return load(KINDS[kind], raw)
