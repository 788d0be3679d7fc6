"""Concurrent changes to one object: one wins, the other gets a clear conflict, never a stale overwrite.

The rule, in every state-changing service of incidents, obligations (evidence, filings, obligation
statuses) and access (invitations):

1. inside ``transaction.atomic()``, lock the row first — ``select_for_update(no_key=True)`` (a plain
   ``FOR NO KEY UPDATE`` does not block inserts of child rows that reference it; add ``of=("self",)``
   when the query joins other tables), then reload it;
2. re-check the transition on the fresh row;
3. when the fresh row shows that someone else acted meanwhile, raise ``conflict(...)``: a
   ``ValidationError`` with the code ``"conflict"``. Pages show it as a form error or flash message like
   any service error; the API answers it with HTTP 409 and the code ``conflict`` (``api/errors.py``).

A step the state machine refuses for another reason (not yet possible, missing data) stays a plain
``ValidationError`` (HTTP 400). SQLite serialises writers, so the locks matter on PostgreSQL; the
two-connection tests are in ``tests/test_races.py`` and ``tests/incidents/test_concurrency.py``.
"""

from django.core.exceptions import ValidationError

CONFLICT = "conflict"


def conflict(message, *, params: dict | None = None) -> ValidationError:
    return ValidationError(message, code=CONFLICT, params=params)


def is_conflict(error: ValidationError) -> bool:
    """Any of the error's messages is a conflict (one keyed by a field counts as well)."""
    if hasattr(error, "error_dict"):
        items = [item for messages in error.error_dict.values() for item in messages]
    else:
        items = error.error_list
    return any(item.code == CONFLICT for item in items)
