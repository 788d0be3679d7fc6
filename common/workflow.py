"""State machines: one shape for every app's statuses (pure: no ORM, no settings, no now()).

Each app keeps its own states (a ``TextChoices``, used by the model's ``choices``) and its table in its
``rules/workflow.py`` (or ``rules.py``); this module holds what is the same everywhere: the table type,
``can_transition`` and ``ensure_transition``. A service locks its row (``common/conflicts.py``), then checks
the step on the fresh row:

    obligation = Obligation.objects.select_for_update(no_key=True).get(pk=obligation.pk)
    workflow.OBLIGATION.ensure_transition(obligation.status, ObligationStatus.SUBMITTED)

A refused step is a ``ValidationError`` with the code ``"transition"`` (HTTP 400). A step the fresh row shows
someone else took meanwhile (the row already has the target state, or one of the ``taken`` states the
caller names) is a ``conflict`` (HTTP 409) when the machine — or the call — has a message for it.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models

from common.conflicts import conflict


@dataclass(frozen=True)
class Workflow:
    """``states`` → the states each may move to. ``refused`` and ``already`` are messages with the
    placeholders ``%(current)s`` and ``%(new)s`` (the states' labels)."""

    states: type[models.TextChoices]
    table: Mapping[str, Iterable[str]]
    refused: str
    already: str | None = None  # None: a repeated step is refused like any other, not a conflict
    transitions: Mapping[str, frozenset[str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        unknown = {*self.table, *(new for targets in self.table.values() for new in targets)} - set(self.states)
        if unknown or set(self.table) != set(self.states):
            raise ValueError(f"{self.states.__name__}: the table must name every state once ({sorted(unknown)})")
        object.__setattr__(self, "transitions", {state: frozenset(self.table[state]) for state in self.states})

    def can_transition(self, current: str, new: str) -> bool:
        return new in self.transitions.get(current, frozenset())

    def sources(self, new: str) -> frozenset[str]:
        """The states from which ``new`` may be reached (for bulk steps that filter in SQL)."""
        return frozenset(state for state, targets in self.transitions.items() if new in targets)

    def ensure_transition(
        self,
        current: str,
        new: str,
        *,
        taken: Collection[str] = (),
        already: str | None = None,
        refused: str | None = None,
    ) -> None:
        """Raise unless ``current → new`` is allowed. ``taken``: states that, found on the locked row, mean
        someone else acted meanwhile (besides ``new`` itself); ``already``/``refused`` override the messages."""
        if self.can_transition(current, new):
            return
        params = {"current": self.states(current).label, "new": self.states(new).label}
        message = already or self.already
        if message is not None and (current == new or current in taken):
            raise conflict(message, params=params)
        raise ValidationError(refused or self.refused, code="transition", params=params)
