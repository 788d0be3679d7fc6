"""The one way the report pages keep figures for a few minutes (docs/legal-decisions.md, "Reports: figures and
dashboards"): national figures aggregate every obligation of the year, so a reload reads one cache entry
instead of recounting. A page that reads cached figures shows when they were computed.

The key names the page, the scope (the SQL of its agencies queryset: a user who sees other agencies, or a
filter that picks others, gets another entry), the year, the day and, for figures holding translated text
(the dashboards' charts), the language."""

import hashlib
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import translation

CACHE_SECONDS = 300
T = TypeVar("T")


def scope_key(page: str, *, agencies: QuerySet, year: int, today: date, translated: bool = False) -> str:
    signature = hashlib.sha256(str(agencies.query).encode()).hexdigest()[:32]
    language = translation.get_language() if translated else "-"
    return f"reports:{page}:{signature}:{year}:{today.isoformat()}:{language}"


def cached(key: str, compute: Callable[[], T]) -> T:
    """The value under ``key``, computed (and kept for CACHE_SECONDS) when absent."""
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value
