"""Incident figures: incidents by level and month, the legal clocks (on time, median and p90 times) and drills."""

from datetime import date, datetime

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth

from common.periods import TAIPEI
from incidents.rules import ClockKind, IncidentLevel
from infrastructure.models import Agency
from obligations.selectors.compliance import percent
from reports.figures.scope import scoped_clocks, scoped_drills, scoped_incidents
from reports.figures.stats import median, minutes, nearest_rank
from reports.figures.types import ClockFigure, CountBy, DrillFigure, IncidentCounts

CLOCKS = (ClockKind.NOTIFY, ClockKind.REVIEW, ClockKind.FORWARD, ClockKind.RECOVER, ClockKind.REPORT)
LEVELS = tuple(IncidentLevel.values)  # 1 … 4
DRILL_KINDS = ("social_engineering", "incident_response")


def incidents_by_level_and_month(*, agencies: QuerySet[Agency], year: int) -> IncidentCounts:
    """Notified incidents of the year by level and by month of awareness (Asia/Taipei): one query."""
    rows = (
        scoped_incidents(agencies=agencies, year=year)
        .annotate(month=ExtractMonth("aware_at", tzinfo=TAIPEI))
        .order_by()
        .values_list("month", "level")
        .annotate(count=Count("pk"))
    )
    cells = {(month, level): count for month, level, count in rows}
    by_level = tuple(
        CountBy(key=str(level), count=sum(c for (_m, lv), c in cells.items() if lv == level)) for level in LEVELS
    )
    by_month = tuple((month, level, cells.get((month, level), 0)) for month in range(1, 13) for level in LEVELS)
    return IncidentCounts(total=sum(cells.values()), by_level=by_level, by_month=by_month)


def clock_figures(*, agencies: QuerySet[Agency], year: int, now: datetime) -> tuple[ClockFigure, ...]:
    """Each legal clock of the year's incidents: one query, percentiles computed here."""
    rows = (
        scoped_clocks(agencies=agencies, year=year)
        .filter(kind__in=CLOCKS)
        .values_list("kind", "started_at", "due_at", "met_at")
    )
    grouped: dict[str, list[tuple[datetime, datetime, datetime | None]]] = {kind: [] for kind in CLOCKS}
    for kind, started_at, due_at, met_at in rows:
        grouped[kind].append((started_at, due_at, met_at))
    return tuple(clock_figure(kind, grouped[kind], now=now) for kind in CLOCKS)


def clock_missed(due: datetime, met: datetime | None, *, now: datetime) -> bool:
    """Pure: met after its deadline, or still open past it at ``now`` (one second late is late, as
    incidents/rules/clocks.py decides)."""
    return met > due if met is not None else due < now


def clock_figure(kind: str, clocks: list[tuple[datetime, datetime, datetime | None]], *, now: datetime) -> ClockFigure:
    """Pure: the figure of one clock kind from (started, due, met) triples, judged at ``now``: the one count of
    the dashboards, exports and annual PDFs. Times taken are of met clocks, in minutes."""
    met = [(start, due, done) for start, due, done in clocks if done is not None]
    on_time = sum(1 for _start, due, done in met if done <= due)
    open_overdue = sum(1 for _start, due, done in clocks if done is None and due < now)
    durations = [minutes(done - start) for start, _due, done in met]
    return ClockFigure(
        kind=str(kind),
        total=len(clocks),
        met_on_time=on_time,
        met_late=len(met) - on_time,
        open_overdue=open_overdue,
        open_running=len(clocks) - len(met) - open_overdue,
        on_time_rate=percent(on_time, len(met) + open_overdue),
        median_minutes=median(durations),
        p90_minutes=nearest_rank(durations, 0.9),
    )


def drill_figures(*, agencies: QuerySet[Agency], year: int, today: date) -> tuple[DrillFigure, ...]:
    """Drills whose period ends in the year, per kind: one query."""
    conducted = Q(conducted_on__isnull=False)
    submitted = Q(results_submitted_at__isnull=False)
    rows = {
        row["kind"]: row
        for row in scoped_drills(agencies=agencies, year=year)
        .order_by()
        .values("kind")
        .annotate(
            assigned=Count("pk"),
            conducted=Count("pk", filter=conducted),
            conducted_in_period=Count("pk", filter=conducted & Q(conducted_on__lte=F("ends_on"))),
            not_conducted_overdue=Count("pk", filter=Q(conducted_on__isnull=True, ends_on__lt=today)),
            results_submitted=Count("pk", filter=submitted),
            results_on_time=Count("pk", filter=submitted & Q(results_submitted_at__lte=F("results_due_at"))),
            participants=Sum("participants", default=0),
        )
    }
    empty = dict.fromkeys(
        (
            "assigned",
            "conducted",
            "conducted_in_period",
            "not_conducted_overdue",
            "results_submitted",
            "results_on_time",
            "participants",
        ),
        0,
    )
    return tuple(
        DrillFigure(kind=kind, **{name: (rows.get(kind) or empty)[name] or 0 for name in empty}) for kind in DRILL_KINDS
    )
