"""Two users acting on one object at the same moment, each on their own PostgreSQL connection.

``race(first=..., second=...)`` runs the two actions in two threads. Each thread first loads what its user's
page showed (``load``), and both pass a barrier, so both have read the old state. The first then acts inside
a transaction and keeps it open, holding the row lock, until the second is seen *waiting for a lock* in
``pg_stat_activity`` (proof that it reached the lock, not merely that time passed); then the first commits
and the second goes on, on the fresh row. The outcome of each action is its return value or the
``ValidationError`` it raised. SQLite has no row locks (it serialises writers): the tests skip there.
"""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.utils import translation

from common.conflicts import is_conflict

WAIT = 3.0  # seconds: the longest any step may take before the race counts as failed

POSTGRESQL_ONLY = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")


@dataclass(frozen=True)
class Side:
    """One user's action: ``load()`` reads what their page showed; ``act(loaded)`` calls the service."""

    act: Callable[[Any], Any]
    load: Callable[[], Any] = lambda: None


@dataclass
class RaceResult:
    first: Any = None
    second: Any = None
    second_waited_for_the_lock: bool = False


def _waiting_for_a_lock() -> bool:
    with connection.cursor() as cursor:  # the test's own connection, in autocommit: a fresh view each time
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def _thread(run: Callable[[], Any], results: dict, key: str) -> threading.Thread:
    def target():
        try:
            with translation.override("en"):  # as the test's own thread (tests/conftest.py)
                results[key] = run()
        except Exception as error:  # a ValidationError is an outcome; anything else fails the assertions
            results[key] = error
        finally:
            connections.close_all()  # this thread's own connection

    return threading.Thread(target=target, daemon=True)


def race(*, first: Side, second: Side) -> RaceResult:
    barrier, first_locked, release = threading.Barrier(2, timeout=WAIT), threading.Event(), threading.Event()
    results: dict[str, Any] = {}

    def run_first():
        loaded = first.load()
        barrier.wait()
        with transaction.atomic():
            outcome = first.act(loaded)
            first_locked.set()
            release.wait(WAIT * 2)  # the test's thread releases it (after WAIT at the latest)
        return outcome

    def run_second():
        loaded = second.load()
        barrier.wait()
        if not first_locked.wait(WAIT):
            raise AssertionError("the first action did not finish its step")
        return second.act(loaded)

    threads = [_thread(run_first, results, "first"), _thread(run_second, results, "second")]
    for thread in threads:
        thread.start()
    outcome = RaceResult()
    if first_locked.wait(WAIT):
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline and not outcome.second_waited_for_the_lock:
            outcome.second_waited_for_the_lock = _waiting_for_a_lock()
            time.sleep(0.02)
    release.set()
    for thread in threads:
        thread.join(WAIT * 2)
    outcome.first, outcome.second = results.get("first"), results.get("second")
    return outcome


def assert_one_wins_one_conflicts(outcome: RaceResult, *, message: str) -> None:
    """The first succeeded; the second waited for the lock and was refused with the conflict ``message``."""
    assert not isinstance(outcome.first, BaseException), outcome.first
    assert outcome.second_waited_for_the_lock is True, f"the second never waited for the row lock: {outcome.second!r}"
    assert isinstance(outcome.second, ValidationError), outcome.second
    assert is_conflict(outcome.second) is True
    assert outcome.second.messages == [message]
