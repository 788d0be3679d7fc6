"""Retention of the audit trail: kept CSMA_TRAIL_RETENTION_YEARS (default 10), never purged silently.

A purge is an explicit command that first exports what it removes to an XLSX file, then deletes it
and records who purged what in the access trail.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from django.conf import settings
from django.db import models, transaction

from access.exports import trail_export_xlsx
from access.grants import record_access_event
from access.models import AccessEvent
from access.trail import TrailFilters, trail_search, trail_sources
from common.roc import TAIPEI


def trail_tables() -> list[tuple[type[models.Model], str]]:
    """(model, time field) of every trail table: each registered source's (access/trail.py)."""
    return [(source.model, source.time_field) for source in trail_sources().values()]


def add_years(start: date, years: int) -> date:
    """Same day ``years`` later (29 Feb → 28 Feb). A calendar offset for retention cut-offs, not a legal period:
    legal periods are common.periods."""
    year = start.year + years
    day = min(start.day, calendar.monthrange(year, start.month)[1])
    return date(year, start.month, day)


@dataclass(frozen=True)
class RetentionReport:
    cutoff: datetime
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def retention_cutoff(*, now: datetime) -> datetime:
    """Midnight (Asia/Taipei) of the same calendar day, CSMA_TRAIL_RETENTION_YEARS years ago."""
    today = now.astimezone(TAIPEI).date()
    return datetime.combine(add_years(today, -settings.CSMA_TRAIL_RETENTION_YEARS), time.min, tzinfo=TAIPEI)


def retention_report(*, now: datetime) -> RetentionReport:
    cutoff = retention_cutoff(now=now)
    counts = {
        model._meta.label: model.objects.filter(**{f"{field}__lt": cutoff}).count() for model, field in trail_tables()
    }
    return RetentionReport(cutoff=cutoff, counts=counts)


@transaction.atomic
def trail_purge_expired(*, now: datetime, export_path: Path, acting_user=None) -> RetentionReport:
    """Export, then delete, every trail row older than the retention period; record the purge."""
    report = retention_report(now=now)
    if report.total == 0:
        return report
    rows = trail_search(filters=TrailFilters(until=report.cutoff))
    export_path.write_bytes(trail_export_xlsx(rows=rows))
    for model, field in trail_tables():
        # Deliberately past the append-only guard: the one place rows may leave, after export.
        models.QuerySet(model).filter(**{f"{field}__lt": report.cutoff}).delete()
    record_access_event(
        AccessEvent.Kind.TRAIL_PURGED,
        actor=acting_user,
        channel="cli",
        data={"cutoff": report.cutoff.isoformat(), "counts": report.counts, "export": str(export_path)},
        now=now,
    )
    return report
