"""Compliance figures over the obligations selector (obligations.selectors.compliance), so a dashboard,
an export and a PDF print the same rate as the obligations pages."""

from datetime import date
from decimal import Decimal

from django.db.models import F, QuerySet

from infrastructure.models import Agency
from obligations import rules
from obligations.selectors.compliance import ComplianceRow, compliance_counted, obligation_compliance_rates, percent
from reports.figures.scope import scoped_obligations
from reports.figures.types import BandCount, ComplianceFigure, OverdueItem

# The compliance bands of agencies, the one definition of the dashboards, pages, exports and PDFs (lower
# bound inclusive, upper exclusive; "100" is exactly 100 %: fully compliant agencies are counted on their own).
# docs/legal-decisions.md, "Reports: one way to count".
BANDS: tuple[tuple[str, Decimal, Decimal], ...] = (
    ("below_50", Decimal("0"), Decimal("50")),
    ("50_70", Decimal("50"), Decimal("70")),
    ("70_90", Decimal("70"), Decimal("90")),
    ("90_100", Decimal("90"), Decimal("100")),
    ("100", Decimal("100"), Decimal("101")),
)
NO_BAND = "none"  # nothing counted yet
LEVEL_ORDER = ("A", "B", "C", "D", "E", "")


def band_of(rate: Decimal | None) -> str:
    if rate is None:
        return NO_BAND
    for key, lower, upper in BANDS:
        if lower <= rate < upper:
            return key
    return NO_BAND


def counting_day(year: int, today: date) -> date:
    """The first day of which nothing is judged yet: today while the year runs, 1 January once it is over.
    A year's item counts once its due day is before it (or once it is met, as the obligations pages count:
    obligations.selectors.compliance), so an item due on 31 December counts in its year and an issued report
    does not change as the next year's days go by; statuses are read as they are now (a past year's late
    acceptance counts, as late). The one rule of the dashboards, pages, exports and PDFs (docs/legal-decisions.md,
    "Reports: one way to count")."""
    return min(today, date(year + 1, 1, 1))


def figure_of(row: ComplianceRow) -> ComplianceFigure:
    return ComplianceFigure(
        key="" if row.key is None else str(row.key),
        label=row.label,
        assigned=row.assigned,
        counted=row.counted,
        accepted_on_time=row.accepted_on_time,
        accepted_late=row.accepted_late,
        exempt=row.exempt,
        overdue=row.overdue,
        awaiting_review=row.awaiting_review,
        rate=row.rate,
    )


def combine(parts: tuple[ComplianceFigure, ...], *, key: str = "", label: str = "") -> ComplianceFigure:
    """Pure: the figure of several disjoint groups (e.g. the total from the levels)."""
    fields = ("assigned", "counted", "accepted_on_time", "accepted_late", "exempt", "overdue", "awaiting_review")
    sums = {name: sum(getattr(part, name) for part in parts) for name in fields}
    compliant = sums["accepted_on_time"] + sums["accepted_late"] + sums["exempt"]
    return ComplianceFigure(key=key, label=label, rate=percent(compliant, sums["counted"]), **sums)


def compliance_total(*, agencies: QuerySet[Agency], year: int, today: date) -> ComplianceFigure:
    base = scoped_obligations(agencies=agencies, year=year)
    return figure_of(obligation_compliance_rates(base=base, group_by="all", today=counting_day(year, today))[0])


def compliance_by_level(*, agencies: QuerySet[Agency], year: int, today: date) -> tuple[ComplianceFigure, ...]:
    """One figure per level A–E that has items (the level the items were assigned for): one query."""
    base = scoped_obligations(agencies=agencies, year=year)
    rows = obligation_compliance_rates(base=base, group_by="level", today=counting_day(year, today))
    rows.sort(key=lambda row: LEVEL_ORDER.index(row.key or ""))
    return tuple(figure_of(row) for row in rows)


def compliance_by_item(*, agencies: QuerySet[Agency], year: int, today: date) -> tuple[ComplianceFigure, ...]:
    """One figure per required item (requirement code; an ad-hoc request is its own item): one query."""
    base = scoped_obligations(agencies=agencies, year=year)
    rows = obligation_compliance_rates(base=base, group_by="item", today=counting_day(year, today))
    return tuple(sorted((figure_of(row) for row in rows), key=lambda figure: (figure.label, figure.key)))


def least_met(items: tuple[ComplianceFigure, ...], *, top: int = 10) -> tuple[ComplianceFigure, ...]:
    """The items least met: most counted-but-not-met items first, then the lower rate. Pure."""
    ranked = [item for item in items if item.not_met > 0]
    ranked.sort(key=lambda item: (-item.not_met, item.rate if item.rate is not None else Decimal("0"), item.label))
    return tuple(ranked[:top])


def compliance_bands(*, agencies: QuerySet[Agency], year: int, today: date) -> tuple[BandCount, ...]:
    """Distribution of the active agencies in scope by their compliance rate: two queries."""
    base = scoped_obligations(agencies=agencies, year=year)
    rates = [
        row.rate for row in obligation_compliance_rates(base=base, group_by="agency", today=counting_day(year, today))
    ]
    return bands_from_rates(rates, agencies_total=agencies.filter(is_active=True).count())


def bands_from_rates(rates: list[Decimal | None], *, agencies_total: int) -> tuple[BandCount, ...]:
    """Pure: count rates per band; agencies with no obligations at all fall in the "none" band."""
    counts = {key: 0 for key, _lower, _upper in BANDS}
    for rate in rates:
        key = band_of(rate)
        if key != NO_BAND:
            counts[key] += 1
    banded = sum(counts.values())
    return (
        *(BandCount(key=key, lower=lower, upper=upper, count=counts[key]) for key, lower, upper in BANDS),
        BandCount(key=NO_BAND, lower=None, upper=None, count=max(agencies_total - banded, 0)),
    )


def _overdue(agencies: QuerySet[Agency], *, year: int, today: date) -> QuerySet:
    return compliance_counted(scoped_obligations(agencies=agencies, year=year)).filter(
        status__in=rules.OWED_STATUSES, due_on__lt=counting_day(year, today)
    )


def overdue_count(*, agencies: QuerySet[Agency], year: int, today: date) -> int:
    return _overdue(agencies, year=year, today=today).count()


def overdue_items(*, agencies: QuerySet[Agency], year: int, today: date, limit: int | None = None) -> list[OverdueItem]:
    """Items past their due date still owed by the agency, oldest first: one query."""
    rows = (
        _overdue(agencies, year=year, today=today)
        .annotate(agency_name=F("agency__name"))
        .values("pk", "agency_id", "agency_name", "item_label", "level", "due_on", "status")
        .order_by("due_on", "agency_name", "pk")
    )
    return [
        OverdueItem(
            obligation_id=row["pk"],
            agency_id=row["agency_id"],
            agency_name=row["agency_name"],
            item=row["item_label"] or "",
            level=row["level"],
            due_on=row["due_on"],
            days_overdue=(counting_day(year, today) - row["due_on"]).days,  # at the counting day
            status=row["status"],
        )
        for row in (rows[:limit] if limit else rows)
    ]
