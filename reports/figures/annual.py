"""Key figures of one year for the annual PDFs (sector, subtree, national, scorecard), counted as of a cut-off.

Built on the same scoped querysets and counting selector as the dashboards (reports.figures.scope,
obligations.selectors.compliance.compliance_counted): superseded occurrences never count; on time = the
accepted submission was handed in by the due instant. What differs is only *when* an item counts: a report
counts an item once it is DUE by the cut-off (due on or before 31 December, or today for the running year),
so an issued report does not change as the year's items fall due. Constant number of queries.
"""

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils.translation import get_language

from common.roc import TAIPEI
from incidents.rules import DrillKind
from infrastructure.models import Agency, AgencyKind
from obligations import rules as obligation_rules
from obligations.models import Obligation
from obligations.selectors.compliance import COMPLIANT_STATUSES, compliance_counted
from reports import data as d
from reports.figures import incidents, labels, registry
from reports.figures.agencies import incidents_by_agency
from reports.figures.scope import scoped_clocks
from reports.figures.stats import nearest_rank


def end_of_day(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=TAIPEI)


@dataclass(frozen=True)
class Scope:
    """The agencies a report covers (a queryset, used as a subquery) and its year."""

    agencies: QuerySet[Agency]
    year: int
    cutoff: date  # reports.figures.scope.as_of_date: 31 December, or today for the running year

    @property
    def ids(self) -> QuerySet:
        return self.agencies.order_by().values("pk")


def due_obligations(scope: Scope) -> QuerySet[Obligation]:
    """The items of the year due by the cut-off, as the compliance selector counts them (``in_time``)."""
    base = Obligation.objects.filter(agency__in=scope.ids, year=scope.year, due_on__lte=scope.cutoff)
    return compliance_counted(base, with_item=False)


COUNTS = {
    "due": Count("id"),
    "on_time_n": Count("id", filter=Q(status=obligation_rules.ACCEPTED, in_time=True)),
    "late_n": Count("id", filter=Q(status=obligation_rules.ACCEPTED, in_time=False)),
    "exempt_n": Count("id", filter=Q(status=obligation_rules.EXEMPT)),
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
            overdue=Count("id", filter=Q(status__in=obligation_rules.OWED_STATUSES, due_on__lt=scope.cutoff)),
        )
    )
    return {row["agency_id"]: (row["due"], row["met"], row["overdue"]) for row in rows}


def bands(per_agency: dict[int, tuple[int, int, int]], agency_count: int) -> tuple[d.Count, ...]:
    counter: Counter = Counter()
    for due, met, _overdue in per_agency.values():
        rate = met * 100 / due
        counter[next(i for i, (low, high) in enumerate(labels.BANDS) if low <= rate < high)] += 1
    found = [
        d.Count(f"band-{i}", labels.band_label(low, high), counter[i]) for i, (low, high) in enumerate(labels.BANDS)
    ]
    none_due = agency_count - len(per_agency)
    return (*found, d.Count("none", labels.no_items_label(), none_due))


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
    """On-time rate per clock (clocks that fell due: met, or unmet past due at the cut-off), median and p90
    of the time taken (nearest rank, minutes), and missed clocks per agency."""
    limit = end_of_day(scope.cutoff)
    rows = scoped_clocks(agencies=scope.agencies, year=scope.year).filter(kind__in=incidents.CLOCKS)
    values = rows.values_list("kind", "started_at", "due_at", "met_at", "incident__agency_id")
    fell, on_time, taken, missed = Counter(), Counter(), defaultdict(list), Counter()
    for kind, started_at, due_at, met_at, agency_id in values:
        if met_at is None and due_at >= limit:
            continue
        fell[kind] += 1
        if met_at is not None:
            taken[kind].append(round((met_at - started_at).total_seconds() / 60))
        if met_at is not None and met_at <= due_at:
            on_time[kind] += 1
        else:
            missed[agency_id] += 1
    figures = tuple(
        d.ClockFigure(
            kind,
            labels.clock_label(kind),
            fell[kind],
            on_time[kind],
            round(statistics.median(taken[kind])) if taken[kind] else None,
            nearest_rank(taken[kind], 0.9),
        )
        for kind in incidents.CLOCKS
    )
    return figures, missed


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
