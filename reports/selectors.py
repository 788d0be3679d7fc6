"""Reads of the compliance pages: the scoped, filtered agencies and the drill-down of one agency."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Q, QuerySet

from incidents.models import Incident
from infrastructure.models import Agency
from infrastructure.selectors import AgencyFilters, agency_list
from obligations.selectors.compliance import compliance_counted
from obligations.selectors.obligations import annotate_display_status
from reports import caching, figures
from reports.figures.types import AgencyRow, ComplianceFigure

# How the compliance list may be sorted (the page's sort choices are these keys).
SORTS = {
    "name": lambda row: row.name,
    "level": lambda row: (row.level or "Z", row.name),
    "rate": lambda row: (row.rate is None, row.rate if row.rate is not None else 0, row.name),
    "overdue": lambda row: (row.overdue, row.name),
    "incidents": lambda row: (row.incidents, row.name),
    "clocks": lambda row: (row.clocks_missed, row.name),
}


def compliance_agencies(*, visible: QuerySet[Agency], filters: AgencyFilters) -> QuerySet[Agency]:
    """The visible agencies matching the registry filters (sector, level, kind, regulator, name)."""
    return agency_list(filters=filters, base=visible).order_by()


def compliance_rows(
    *,
    agencies: QuerySet[Agency],
    year: int,
    today: date,
    now: datetime,
    band: str = "",
    sort: str = "rate",
    descending: bool = False,
) -> list[AgencyRow]:
    """Per-agency rows, banded and sorted (a constant number of queries)."""
    rows = figures.agency_rows(agencies=agencies, year=year, today=today, now=now)
    return pick_rows(rows, band=band, sort=sort, descending=descending)


def pick_rows(rows, *, band: str = "", sort: str = "rate", descending: bool = False) -> list[AgencyRow]:
    """The rows of one band (all when blank), sorted by one of SORTS."""
    if band:
        rows = [row for row in rows if row.band == band]
    return sorted(rows, key=SORTS.get(sort, SORTS["rate"]), reverse=descending)


@dataclass(frozen=True)
class ComplianceFigures:
    """What the compliance page shows of its agencies, as computed at ``computed_at``."""

    rows: tuple[AgencyRow, ...]  # every active agency in scope, registry order
    total: ComplianceFigure
    by_level: tuple[ComplianceFigure, ...]
    computed_at: datetime


def compliance_key(*, agencies: QuerySet[Agency], year: int, today: date) -> str:
    """The compliance page figures' cache key."""
    return caching.scope_key("compliance", agencies=agencies, year=year, today=today)


def compliance_figures_cached(
    *, agencies: QuerySet[Agency], year: int, today: date, now: datetime, refresh: bool = False
) -> ComplianceFigures:
    """The compliance page's figures, kept a few minutes per scope, year and day like the dashboards'
    (reports/caching.py): the national list counts every agency's obligations of the year (~8,000 rows).
    ``refresh`` counts anew and replaces the kept figures (beat, reports.warming)."""

    def compute() -> ComplianceFigures:
        return ComplianceFigures(
            rows=tuple(figures.agency_rows(agencies=agencies, year=year, today=today, now=now)),
            total=figures.compliance_total(agencies=agencies, year=year, today=today),
            by_level=figures.compliance_by_level(agencies=agencies, year=year, today=today),
            computed_at=now,
        )

    key = compliance_key(agencies=agencies, year=year, today=today)
    return caching.store(key, compute) if refresh else caching.cached(key, compute)


def regulators_of(*, visible: QuerySet[Agency]) -> QuerySet[Agency]:
    """The sector regulators of the visible agencies (for the filter)."""
    return Agency.objects.filter(pk__in=visible.values("regulator_id")).order_by("name")


def agency_items(*, agency: Agency, year: int, today: date):
    """The agency's obligations of the year with their display status and item label, due date first."""
    base = compliance_counted(figures.scoped_obligations(agencies=Agency.objects.filter(pk=agency.pk), year=year))
    return annotate_display_status(base, today=today).select_related("requirement", "adhoc").order_by("due_on", "id")


def agency_incidents(*, agency: Agency, year: int, now: datetime) -> QuerySet[Incident]:
    """The agency's notified incidents of the year with the number of clocks missed."""
    return (
        figures.scoped_incidents(agencies=Agency.objects.filter(pk=agency.pk), year=year)
        .annotate(
            missed=Count(
                "clocks", filter=figures.missed_clock_q(now=now, prefix="clocks__") & Q(clocks__kind__in=figures.CLOCKS)
            )
        )
        .order_by("-aware_at")
    )
