"""Key figures of one year for a set of agencies, in a constant number of queries.

Counted like the obligations app counts (obligations.selectors.compliance): superseded occurrences never
count; an item counts once it is DUE (due on or before the cut-off: 31 December, or today for the running
year); met = accepted or exempt; on time = the accepted submission was handed in by the due instant.
"""

import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import get_language

from common.roc import TAIPEI
from incidents.models import Drill, Incident, IncidentClock
from incidents.rules import DrillKind, IncidentStatus
from infrastructure.models import Agency, AgencyKind
from infrastructure.selectors import agency_annotate_level
from obligations import rules as obligation_rules
from obligations.models import EvidenceSubmission, Obligation
from reports import data as d
from reports.builders import labels


def cutoff_for(year: int, *, today: date) -> date:
    return min(date(year, 12, 31), today)


def end_of_day(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=TAIPEI)


def year_bounds(year: int) -> tuple[datetime, datetime]:
    return datetime(year, 1, 1, tzinfo=TAIPEI), datetime(year + 1, 1, 1, tzinfo=TAIPEI)


@dataclass(frozen=True)
class Scope:
    """The agencies a report covers (a queryset, used as a subquery) and its year."""

    agencies: QuerySet[Agency]
    year: int
    cutoff: date

    @property
    def ids(self) -> QuerySet:
        return self.agencies.order_by().values("pk")


def due_obligations(scope: Scope) -> QuerySet[Obligation]:
    accepted_on_time = EvidenceSubmission.objects.filter(
        obligation=OuterRef("pk"), review=EvidenceSubmission.Review.ACCEPTED, submitted_at__lte=OuterRef("due_at")
    )
    return (
        Obligation.objects.filter(agency__in=scope.ids, year=scope.year, due_on__lte=scope.cutoff)
        .exclude(status=obligation_rules.SUPERSEDED)
        .annotate(on_time=Exists(accepted_on_time))
        .order_by()
    )


COUNTS = {
    "due": Count("id"),
    "on_time_n": Count("id", filter=Q(status=obligation_rules.ACCEPTED, on_time=True)),
    "late_n": Count("id", filter=Q(status=obligation_rules.ACCEPTED, on_time=False)),
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
            met=Count("id", filter=Q(status__in=[obligation_rules.ACCEPTED, obligation_rules.EXEMPT])),
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


def incidents_of_year(scope: Scope) -> QuerySet[Incident]:
    start, end = year_bounds(scope.year)
    return Incident.objects.filter(agency__in=scope.ids, aware_at__gte=start, aware_at__lt=end).exclude(
        status=IncidentStatus.DRAFT
    )


def incident_figures(scope: Scope) -> tuple[tuple[int, ...], tuple[d.MonthFigure, ...], dict[int, list[int]]]:
    by_month = defaultdict(lambda: [0, 0, 0, 0])
    per_agency: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    totals = [0, 0, 0, 0]
    for agency_id, level, aware_at in incidents_of_year(scope).values_list("agency_id", "level", "aware_at"):
        month = aware_at.astimezone(TAIPEI).month
        by_month[month][level - 1] += 1
        per_agency[agency_id][level - 1] += 1
        totals[level - 1] += 1
    months = tuple(d.MonthFigure(m, tuple(by_month[m])) for m in range(1, 13))
    return tuple(totals), months, per_agency


def _percentile_minutes(values: list[int], share: float) -> int | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def clock_figures(scope: Scope) -> tuple[tuple[d.ClockFigure, ...], Counter]:
    """On-time rate per clock (clocks that fell due: met, or unmet past due at the cut-off), median and p90
    of the time taken (nearest rank), and missed clocks per agency."""
    limit = end_of_day(scope.cutoff)
    rows = IncidentClock.objects.filter(incident__in=incidents_of_year(scope), kind__in=labels.REPORTED_CLOCKS)
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
            _percentile_minutes(taken[kind], 0.9),
        )
        for kind in labels.REPORTED_CLOCKS
    )
    return figures, missed


def drill_figures(scope: Scope) -> tuple[d.DrillFigure, ...]:
    drills = Drill.objects.filter(agency__in=scope.ids, ends_on__year=scope.year)
    found = []
    for kind in DrillKind:
        rows = drills.filter(kind=kind).aggregate(
            assigned=Count("id"),
            conducted=Count("id", filter=Q(conducted_on__isnull=False)),
            on_time=Count(
                "id", filter=Q(results_submitted_at__isnull=False, results_submitted_at__lte=F("results_due_at"))
            ),
            late=Count(
                "id", filter=Q(results_submitted_at__isnull=False, results_submitted_at__gt=F("results_due_at"))
            ),
        )
        if rows["assigned"]:
            found.append(
                d.DrillFigure(
                    kind.value, str(kind.label), rows["assigned"], rows["conducted"], rows["on_time"], rows["late"]
                )
            )
    return tuple(found)


def agency_counts(scope: Scope) -> tuple[int, tuple[d.Count, ...], tuple[d.Count, ...]]:
    levels = Counter(
        dict(
            agency_annotate_level(scope.agencies.order_by(), on=scope.cutoff)
            .values_list("current_level")
            .annotate(n=Count("id"))
        )
    )
    kinds = Counter(dict(scope.agencies.order_by().values_list("kind").annotate(n=Count("id"))))
    by_level = tuple(d.Count(lv, labels.level_label(lv), levels.get(lv, 0)) for lv in d.LEVELS)
    if levels.get(None):
        by_level += (d.Count("none", labels.level_label(""), levels[None]),)
    by_kind = tuple(d.Count(k.value, str(k.label), kinds.get(k.value, 0)) for k in AgencyKind)
    return sum(kinds.values()), by_level, by_kind


def reapprovals_overdue(scope: Scope) -> int:
    return (
        agency_annotate_level(scope.agencies.order_by(), on=scope.cutoff)
        .filter(reapproval_due__lt=scope.cutoff)
        .count()
    )


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
        reapprovals_overdue=reapprovals_overdue(scope),
        incidents_by_level=incident_totals,
        incidents_by_month=months,
        clocks=clocks,
        drills=drill_figures(scope),
        bands=bands(per_agency, count),
    )
    return figures, {"obligations": per_agency, "incidents": incidents_per_agency, "missed": missed}
