"""Key figures of one year for the annual PDFs (sector, subtree, national, scorecard), counted as of a cut-off.

Counted exactly as the dashboards, pages and exports count (docs/legal-decisions.md, "Reports: one way to
count"): the same scoped querysets and counting selector (reports.figures.scope,
obligations.selectors.compliance.compliance_counted), the same counting day (an item counts once due before it
or met: today while the year runs, 1 January once it is over; reports.figures.compliance.counting_day; the
cut-off, 31 December or today, only dates the levels in force), the same compliance bands and the same clock figure (judged when the report
is generated; times in minutes, median and nearest-rank 90th percentile). Constant number of queries.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Q, QuerySet
from django.utils.translation import get_language

from common.roc import TAIPEI
from incidents.rules import DrillKind
from infrastructure.models import Agency, AgencyKind
from obligations import rules as obligation_rules
from obligations.models import Obligation
from obligations.selectors.compliance import COMPLIANT_STATUSES, compliance_counted, percent
from reports import data as d
from reports.figures import incidents, labels, registry
from reports.figures.agencies import incidents_by_agency
from reports.figures.compliance import bands_from_rates, counting_day
from reports.figures.scope import scoped_clocks, scoped_obligations


@dataclass(frozen=True)
class Scope:
    """The agencies a report covers (a queryset, used as a subquery) and its year."""

    agencies: QuerySet[Agency]
    year: int
    cutoff: date  # reports.figures.scope.as_of_date: 31 December, or today for the running year
    judged_at: datetime  # when the report is generated: clocks are judged then, as the dashboards judge them

    @property
    def counting_day(self) -> date:
        """reports.figures.compliance.counting_day of the report's year on the day it is generated."""
        return counting_day(self.year, self.judged_at.astimezone(TAIPEI).date())

    @property
    def ids(self) -> QuerySet:
        return self.agencies.order_by().values("pk")


def due_obligations(scope: Scope) -> QuerySet[Obligation]:
    """The items of the year that count (assigned for it or falling due in it; due before the counting day, or
    met), as the dashboards and the obligations pages count them (``in_time`` annotated)."""
    base = scoped_obligations(agencies=scope.agencies, year=scope.year).filter(
        Q(due_on__lt=scope.counting_day) | Q(status__in=COMPLIANT_STATUSES)
    )
    return compliance_counted(base, with_item=False)


COUNTS = {
    "due": Count("id"),
    "on_time_n": Count("id", filter=Q(status=obligation_rules.ObligationStatus.ACCEPTED, in_time=True)),
    "late_n": Count("id", filter=Q(status=obligation_rules.ObligationStatus.ACCEPTED, in_time=False)),
    "exempt_n": Count("id", filter=Q(status=obligation_rules.ObligationStatus.EXEMPT)),
}


def _compliance(key: str, label: str, row: dict) -> d.Compliance:
    return d.Compliance(key, label, row["due"], row["on_time_n"], row["late_n"], row["exempt_n"])


def item_label(row: dict) -> str:
    zh = (get_language() or "zh-hant").startswith("zh")
    if row["requirement__code"]:
        return (row["requirement__item_zh"] if zh else row["requirement__item_en"]) or row["requirement__code"]
    return row["adhoc__title"] or ""


def compliance_figures(scope: Scope) -> tuple[d.Compliance, tuple[d.Compliance, ...], tuple[d.Compliance, ...]]:
    due = due_obligations(scope)
    total = _compliance("all", "", due.aggregate(**COUNTS))
    by_level = {row["level"]: row for row in due.values("level").annotate(**COUNTS)}
    levels = tuple(_compliance(lv, labels.level_label(lv), by_level[lv]) for lv in d.LEVELS if lv in by_level)
    item_keys = ("requirement__code", "requirement__item_zh", "requirement__item_en", "adhoc__title")
    merged: dict[str, dict] = {}
    for row in due.values(*item_keys).annotate(**COUNTS):
        key = row["requirement__code"] or f"adhoc:{row['adhoc__title']}"
        slot = merged.setdefault(key, {"label": item_label(row), "due": 0, "on_time_n": 0, "late_n": 0, "exempt_n": 0})
        for name in COUNTS:
            slot[name] += row[name]
    items = tuple(_compliance(key, slot["label"], slot) for key, slot in sorted(merged.items()))
    return total, levels, items


def per_agency_obligations(scope: Scope) -> dict[int, tuple[int, int, int]]:
    """agency id → (due, met, overdue)."""
    rows = (
        due_obligations(scope)
        .values("agency_id")
        .annotate(
            due=Count("id"),
            met=Count("id", filter=Q(status__in=COMPLIANT_STATUSES)),
            overdue=Count("id", filter=Q(status__in=obligation_rules.OWED_STATUSES, due_on__lt=scope.counting_day)),
        )
    )
    return {row["agency_id"]: (row["due"], row["met"], row["overdue"]) for row in rows}


def bands(per_agency: dict[int, tuple[int, int, int]], agency_count: int) -> tuple[d.Count, ...]:
    """Agencies per compliance band: the dashboards' bands and rate (reports.figures.compliance)."""
    counted = bands_from_rates(
        [percent(met, due) for due, met, _overdue in per_agency.values()], agencies_total=agency_count
    )
    return tuple(d.Count(band.key, labels.band_label(band.key), band.count) for band in counted)


def incident_figures(scope: Scope) -> tuple[tuple[int, ...], tuple[d.MonthFigure, ...], dict[int, list[int]]]:
    """Notified incidents of the year by level, by month (reports.figures.incidents) and per agency."""
    counts = incidents.incidents_by_level_and_month(agencies=scope.agencies, year=scope.year)
    totals = tuple(cell.count for cell in counts.by_level)
    cells = {(month, level): count for month, level, count in counts.by_month}
    months = tuple(d.MonthFigure(m, tuple(cells[(m, level)] for level in d.INCIDENT_LEVELS)) for m in range(1, 13))
    per_agency = {
        agency_id: list(levels) for agency_id, levels in incidents_by_agency(scope.agencies, year=scope.year).items()
    }
    return totals, months, per_agency


def clock_figures(scope: Scope) -> tuple[tuple[d.ClockFigure, ...], Counter]:
    """Each clock of the year's incidents as the dashboards count it (reports.figures.incidents.clock_figure),
    judged when the report is generated, labelled; and missed clocks per agency."""
    rows = scoped_clocks(agencies=scope.agencies, year=scope.year).filter(kind__in=incidents.CLOCKS)
    grouped: dict[str, list] = {kind: [] for kind in incidents.CLOCKS}
    missed: Counter = Counter()
    for kind, started_at, due_at, met_at, agency_id in rows.values_list(
        "kind", "started_at", "due_at", "met_at", "incident__agency_id"
    ):
        grouped[kind].append((started_at, due_at, met_at))
        if incidents.clock_missed(due_at, met_at, now=scope.judged_at):
            missed[agency_id] += 1
    figures = []
    for kind in incidents.CLOCKS:
        figure = incidents.clock_figure(kind, grouped[kind], now=scope.judged_at)
        fell_due = figure.met_on_time + figure.met_late + figure.open_overdue
        label = labels.clock_label(kind)
        figures.append(
            d.ClockFigure(kind, label, fell_due, figure.met_on_time, figure.median_minutes, figure.p90_minutes)
        )
    return tuple(figures), missed


def drill_figures(scope: Scope) -> tuple[d.DrillFigure, ...]:
    """The dashboards' drill figures (reports.figures.incidents), labelled, kinds with drills only."""
    found = incidents.drill_figures(agencies=scope.agencies, year=scope.year, today=scope.cutoff)
    return tuple(
        d.DrillFigure(
            figure.kind,
            str(DrillKind(figure.kind).label),
            figure.assigned,
            figure.conducted,
            figure.results_on_time,
            figure.results_submitted - figure.results_on_time,
        )
        for figure in found
        if figure.assigned
    )


def agency_counts(scope: Scope) -> tuple[int, tuple[d.Count, ...], tuple[d.Count, ...]]:
    """The dashboards' registry counts (active agencies by level in force at the cut-off, and kind), labelled."""
    counts = registry.agencies_by_level_and_kind(agencies=scope.agencies, on=scope.cutoff)
    levels = {cell.key: cell.count for cell in counts.by_level}
    kinds = {cell.key: cell.count for cell in counts.by_kind}
    by_level = tuple(d.Count(lv, labels.level_label(lv), levels.get(lv, 0)) for lv in d.LEVELS)
    if levels.get(""):
        by_level += (d.Count("none", labels.level_label(""), levels[""]),)
    by_kind = tuple(d.Count(k.value, str(k.label), kinds.get(k.value, 0)) for k in AgencyKind)
    return counts.total, by_level, by_kind


def year_figures(scope: Scope) -> tuple[d.YearFigures, dict]:
    """The figures, and the per-agency detail the agency table needs (so nothing is queried twice)."""
    count, by_level, by_kind = agency_counts(scope)
    total, levels, items = compliance_figures(scope)
    per_agency = per_agency_obligations(scope)
    incident_totals, months, incidents_per_agency = incident_figures(scope)
    clocks, missed = clock_figures(scope)
    figures = d.YearFigures(
        year=scope.year,
        cutoff=scope.cutoff,
        agencies=count,
        agencies_by_level=by_level,
        agencies_by_kind=by_kind,
        compliance=total,
        compliance_by_level=levels,
        compliance_by_item=items,
        overdue_items=sum(overdue for _due, _met, overdue in per_agency.values()),
        reapprovals_overdue=registry.reapprovals_overdue_count(agencies=scope.agencies, today=scope.cutoff),
        incidents_by_level=incident_totals,
        incidents_by_month=months,
        clocks=clocks,
        drills=drill_figures(scope),
        bands=bands(per_agency, count),
    )
    return figures, {"obligations": per_agency, "incidents": incidents_per_agency, "missed": missed}
