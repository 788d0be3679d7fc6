"""The one way the report pages keep figures for a few minutes (docs/legal-decisions.md, "Reports: figures and
dashboards"): national figures aggregate every obligation of the year, so a reload reads one cache entry
instead of recounting. A page that reads cached figures shows when they were computed.

One request computes a missing entry; the others asking for it meanwhile wait for that result instead of
counting the same figures side by side (a lock entry beside the value). Beat keeps the regulators' figures
warm (``reports.warming``), so their pages read a computed entry even on the first visit of the day.

The key names the page, the scope (the SQL of its agencies queryset: a user who sees other agencies, or a
filter that picks others, gets another entry), the year, the day and, for figures holding translated text
(the dashboards' charts), the language."""

import hashlib
import time
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import translation

CACHE_SECONDS = 300
LOCK_SECONDS = 120  # a computation that died holding the lock frees it after this long
WAIT_SECONDS = 30  # how long a request waits for another's computation before computing itself
POLL_SECONDS = 0.1
T = TypeVar("T")


def scope_key(page: str, *, agencies: QuerySet, year: int, today: date, translated: bool = False) -> str:
    signature = hashlib.sha256(str(agencies.query).encode()).hexdigest()[:32]
    language = translation.get_language() if translated else "-"
    return f"reports:{page}:{signature}:{year}:{today.isoformat()}:{language}"


def cached(key: str, compute: Callable[[], T]) -> T:
    """The value under ``key``, computed (and kept for CACHE_SECONDS) when absent: by this call when no one
    else is computing it, else by the other computation (waited for, at most WAIT_SECONDS)."""
    value = cache.get(key)
    if value is not None:
        return value
    lock = f"{key}:computing"
    if cache.add(lock, 1, LOCK_SECONDS):
        try:
            return store(key, compute)
        finally:
            cache.delete(lock)
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        value = cache.get(key)
        if value is not None:
            return value
        if cache.get(lock) is None:  # the other computation ended without a value (it failed): count here
            break
    return store(key, compute)


def store(key: str, compute: Callable[[], T]) -> T:
    """Compute the value now and keep it under ``key`` for CACHE_SECONDS (also how beat refreshes it)."""
    value = compute()
    cache.set(key, value, CACHE_SECONDS)
    return value
