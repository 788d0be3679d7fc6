"""The one way the report pages keep figures for a few minutes (docs/legal-decisions.md, "Reports: figures and
dashboards"): national figures aggregate every obligation of the year, so a reload reads one cache entry
instead of recounting. A page that reads cached figures shows when they were computed.

One request computes a missing entry; the others asking for it meanwhile wait for that result instead of
counting the same figures side by side (a lock entry beside the value). Beat keeps the regulators' figures
warm (``reports.warming``), so their pages read a computed entry even on the first visit of the day.

Each process also keeps the last figures it read (a few entries, ``LOCAL_ENTRIES``) beside a stamp the shared
cache holds: while the stamp is the same it uses them without reading and unpickling the ~8,000 national rows
again; a refresh writes a new stamp, so every process reads the new figures on its next request.

The key names the page, the scope (the SQL of its agencies queryset: a user who sees other agencies, or a
filter that picks others, gets another entry), the year, the day and, for figures holding translated text
(the dashboards' charts), the language."""

import hashlib
import threading
import time
import uuid
from collections import OrderedDict
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
LOCAL_ENTRIES = 16
T = TypeVar("T")

_local: OrderedDict[str, tuple[str, object]] = OrderedDict()  # key → (stamp, value) read last, this process
_local_lock = threading.Lock()


def scope_key(page: str, *, agencies: QuerySet, year: int, today: date, translated: bool = False) -> str:
    signature = hashlib.sha256(str(agencies.query).encode()).hexdigest()[:32]
    language = translation.get_language() if translated else "-"
    return f"reports:{page}:{signature}:{year}:{today.isoformat()}:{language}"


def cached(key: str, compute: Callable[[], T]) -> T:
    """The value under ``key``, computed (and kept for CACHE_SECONDS) when absent: by this call when no one
    else is computing it, else by the other computation (waited for, at most WAIT_SECONDS)."""
    value = _read(key)
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
        value = _read(key)
        if value is not None:
            return value
        if cache.get(lock) is None:  # the other computation ended without a value (it failed): count here
            break
    return store(key, compute)


def store(key: str, compute: Callable[[], T]) -> T:
    """Compute the value now and keep it under ``key`` for CACHE_SECONDS (also how beat refreshes it)."""
    value = compute()
    stamp = uuid.uuid4().hex
    cache.set_many({key: value, f"{key}:stamp": stamp}, CACHE_SECONDS)
    _remember(key, stamp, value)
    return value


WARMED_KEYS = "reports:warmed-keys"  # the keys beat refreshed last (reports.warming)


def remember_warmed(keys: list[str]) -> None:
    """Note the keys beat just refreshed, for processes that start before the next refresh."""
    cache.set(WARMED_KEYS, keys, CACHE_SECONDS)


def preload_warmed() -> int:
    """Read the figures beat refreshed last into this process's copies (gunicorn's master, before forking: the
    workers then start with them instead of each reading and unpickling them on its first report page)."""
    keys = cache.get(WARMED_KEYS) or []
    return sum(_read(key) is not None for key in keys)


def _read(key: str):
    """The kept value (None when absent): this process's copy while the shared stamp is unchanged."""
    stamp = cache.get(f"{key}:stamp")
    if stamp is None:
        return None
    with _local_lock:
        kept = _local.get(key)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    value = cache.get(key)
    if value is not None:
        _remember(key, stamp, value)
    return value


def _remember(key: str, stamp: str, value) -> None:
    with _local_lock:
        _local[key] = (stamp, value)
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
