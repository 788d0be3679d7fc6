"""What the registry announces to the apps built on it, without importing them (docs/architecture.md).

The registry sits below obligations, incidents and audits, so it never imports them. An app above that
must act when a level is approved (obligations assigns the level's required items, 分級辦法 Art 11,
附表一～八) subscribes once, in its ``AppConfig.ready()``::

    from infrastructure.hooks import on_level_approved
    on_level_approved(assign_on_level_approved)

``level_approve`` calls every subscriber, in the order they subscribed, inside its own transaction: a
subscriber that raises undoes the approval and its event row, so the registry and the apps above it never
disagree about which level is in force. Subscribers are plain functions of one typed ``LevelApproved``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import transaction

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from infrastructure.models import Agency, LevelDecision


@dataclass(frozen=True)
class LevelApproved:
    """A responsibility level approved (or changed) for an agency, as ``level_approve`` saved it."""

    decision: LevelDecision
    agency: Agency
    level: str
    previous_level: str | None
    effective_from: date
    decided_at: datetime | None
    acting_user: AbstractBaseUser | None
    channel: str


LevelApprovedSubscriber = Callable[[LevelApproved], None]

_level_approved: list[LevelApprovedSubscriber] = []


def on_level_approved(subscriber: LevelApprovedSubscriber) -> LevelApprovedSubscriber:
    """Subscribe ``subscriber`` to level approvals; once only, however often ``ready()`` runs. Returns it,
    so it also works as a decorator."""
    if subscriber not in _level_approved:
        _level_approved.append(subscriber)
    return subscriber


def level_approved_subscribers() -> tuple[LevelApprovedSubscriber, ...]:
    return tuple(_level_approved)


def unsubscribe_level_approved(subscriber: LevelApprovedSubscriber) -> None:
    """For tests that subscribe a probe for one test only."""
    if subscriber in _level_approved:
        _level_approved.remove(subscriber)


def announce_level_approved(event: LevelApproved) -> None:
    """Called by ``infrastructure.services.level_approve`` only, inside its transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("announce_level_approved must run inside the approval's transaction")
    for subscriber in tuple(_level_approved):
        subscriber(event)
