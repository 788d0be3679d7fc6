"""Which dashboard a user lands on, over which agencies, and the figures it shows.

The scope is always ``access.selectors.agencies_visible_to`` (an agency the user may not see is never
counted or named); the kind only chooses the title and the sections:

- national: the competent authority (a global view of the registry);
- sector: a sector regulator (``regulate_sector_agencies``: the agencies it regulates);
- subtree: a superior agency (``supervise_subtree``: its subordinates);
- agency: an agency's security officer or viewer (its own agency).
Auditors and observers have no dashboard (their landing pages are elsewhere).
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import models
from django.db.models import QuerySet
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from access import policy
from access.selectors import agencies_visible_to, agency_scope_for
from infrastructure.models import Agency
from infrastructure.selectors import agency_names_by_id
from reports import caching, figures
from reports.figures.types import (
    AgencyCounts,
    BandCount,
    ClockFigure,
    ComplianceFigure,
    IncidentCounts,
    OverdueItem,
    ReapprovalDue,
)

LEAST_MET_SHOWN = 5
UPCOMING_SHOWN = 8
HISTORY_YEARS = 5


class DashboardKind(models.TextChoices):
    NATIONAL = "national", _("National dashboard")
    SECTOR = "sector", _("Sector regulator dashboard")
    SUBTREE = "subtree", _("Superior agency dashboard")
    AGENCY = "agency", _("Agency dashboard")


@dataclass(frozen=True)
class DashboardScope:
    kind: str
    names: tuple[str, ...]  # the regulator / superior / own agencies the scope derives from ("" for national)
    agencies: QuerySet[Agency]


def dashboard_scope_for(*, user) -> DashboardScope | None:
    """The user's dashboard, or None when their role has none (auditor, observer, no role)."""
    scope = agency_scope_for(user=user)
    if scope.sees_all:
        return DashboardScope(kind=DashboardKind.NATIONAL, names=(), agencies=agencies_visible_to(user=user))
    for codename, kind in (
        (policy.REGULATE_SECTOR, DashboardKind.SECTOR),
        (policy.SUPERVISE_SUBTREE, DashboardKind.SUBTREE),
        (policy.VIEW, DashboardKind.AGENCY),
    ):
        granted = scope.granted(codename)
        if granted:
            names = agency_names_by_id(ids=[agency_id for agency_id, _path in granted])
            labels = tuple(sorted(agency.name for agency in names.values()))
            return DashboardScope(kind=kind, names=labels, agencies=agencies_visible_to(user=user))
    return None


@dataclass(frozen=True)
class DashboardData:
    year: int
    agencies: AgencyCounts
    compliance_total: ComplianceFigure
    compliance_by_level: tuple[ComplianceFigure, ...]
    least_met: tuple[ComplianceFigure, ...]
    bands: tuple[BandCount, ...]
    overdue_count: int
    incidents: IncidentCounts
    clocks: tuple[ClockFigure, ...]
    open_clocks: tuple[tuple[str, int, int], ...]
    upcoming: tuple[OverdueItem, ...]
    upcoming_count: int
    reapprovals_upcoming: tuple[ReapprovalDue, ...]
    reapprovals_overdue: int
    computed_at: datetime


def dashboard_key(*, agencies: QuerySet[Agency], year: int, today: date) -> str:
    """The dashboard figures' cache key (the charts hold translated text: per language)."""
    return caching.scope_key("dashboard", agencies=agencies, year=year, today=today, translated=True)


def dashboard_data_cached(
    *, agencies: QuerySet[Agency], year: int, today: date, now: datetime, refresh: bool = False
) -> tuple[DashboardData, dict[str, str]]:
    """``dashboard_data`` and its charts (SVG, escaped when drawn), kept a few minutes per scope, year and day
    (reports/caching.py). The page shows when the figures were computed. ``refresh`` counts anew and
    replaces the kept figures (beat, reports.warming)."""

    def compute():
        from reports.presentation import dashboard_charts

        data = dashboard_data(agencies=agencies, year=year, today=today, now=now)
        return data, {name: str(svg) for name, svg in dashboard_charts(data).items()}

    key = dashboard_key(agencies=agencies, year=year, today=today)
    data, charts = caching.store(key, compute) if refresh else caching.cached(key, compute)
    return data, {name: mark_safe(svg) for name, svg in charts.items()}  # noqa: S308 — built by reports.charts


def dashboard_data(*, agencies: QuerySet[Agency], year: int, today: date, now: datetime) -> DashboardData:
    """The figures of one dashboard: a constant number of queries (tests/reports/test_dashboards.py)."""
    by_level = figures.compliance_by_level(agencies=agencies, year=year, today=today)
    by_item = figures.compliance_by_item(agencies=agencies, year=year, today=today)
    return DashboardData(
        year=year,
        agencies=figures.agencies_by_level_and_kind(agencies=agencies, on=figures.as_of_date(year=year, today=today)),
        compliance_total=figures.combine(by_level),
        compliance_by_level=by_level,
        least_met=figures.least_met(by_item, top=LEAST_MET_SHOWN),
        bands=figures.compliance_bands(agencies=agencies, year=year, today=today),
        overdue_count=sum(level.overdue for level in by_level),
        incidents=figures.incidents_by_level_and_month(agencies=agencies, year=year),
        clocks=figures.clock_figures(agencies=agencies, year=year, now=now),
        open_clocks=figures.open_clocks(agencies=agencies, now=now),
        upcoming=tuple(figures.upcoming_deadlines(agencies=agencies, today=today, limit=UPCOMING_SHOWN)),
        upcoming_count=figures.upcoming_deadline_count(agencies=agencies, today=today).count,
        reapprovals_upcoming=tuple(figures.reapprovals_upcoming(agencies=agencies, today=today, limit=UPCOMING_SHOWN)),
        reapprovals_overdue=figures.reapprovals_overdue_count(agencies=agencies, today=today),
        computed_at=now,
    )


def year_choices(*, today: date) -> list[int]:
    """The years a picker offers: this year and the four before it, newest first."""
    return [today.year - back for back in range(HISTORY_YEARS)]
