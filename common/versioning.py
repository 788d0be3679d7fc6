"""The one "in force on a date" rule of versioned rule data (the law as data, docs/architecture.md "Versioned
rule data"): a row with ``effective_from`` and an optional ``effective_to`` (both days included; none = open
ended) is in force on ``day`` when ``effective_from <= day <= effective_to``. Pure for rows already read
(``covers``, ``in_force``, ``latest_in_force``), and ``in_force_q`` for querysets. Used by incident rule sets,
obligation rule sets, level re-approval cycles and audit checklists."""

from collections.abc import Iterable
from datetime import date
from typing import Protocol, TypeVar

from django.db.models import Q


class Effective(Protocol):
    effective_from: date
    effective_to: date | None


T = TypeVar("T", bound=Effective)


def covers(row: Effective, day: date) -> bool:
    return row.effective_from <= day and (row.effective_to is None or day <= row.effective_to)


def in_force(rows: Iterable[T], day: date) -> list[T]:
    """The rows in force on ``day``, in their given order."""
    return [row for row in rows if covers(row, day)]


def latest_in_force(rows: Iterable[T], day: date) -> T | None:
    """Of the rows in force on ``day``, the one that took effect last (None when none is in force)."""
    return max(in_force(rows, day), key=lambda row: row.effective_from, default=None)


def in_force_q(day: date, *, prefix: str = "") -> Q:
    """A queryset filter for rows in force on ``day`` (``prefix`` for a related row, e.g. ``"rule_set__"``)."""
    return Q(**{f"{prefix}effective_from__lte": day}) & (
        Q(**{f"{prefix}effective_to__isnull": True}) | Q(**{f"{prefix}effective_to__gte": day})
    )
