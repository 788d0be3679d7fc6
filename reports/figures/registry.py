"""Registry figures: agencies by level and kind, level re-approvals overdue or coming up."""

from datetime import date, timedelta

from django.db.models import Count, QuerySet

from infrastructure.models import Agency, AgencyKind, ResponsibilityLevel
from infrastructure.selectors import agency_annotate_level
from reports.figures.types import AgencyCounts, CountBy, ReapprovalDue

LEVELS = tuple(ResponsibilityLevel.values)  # A … E
KINDS = tuple(AgencyKind.values)


def agencies_by_level_and_kind(*, agencies: QuerySet[Agency], on: date) -> AgencyCounts:
    """Active agencies in scope by their level in force on ``on`` and kind: one query."""
    rows = (
        agency_annotate_level(agencies.filter(is_active=True), on=on)
        .order_by()
        .values_list("current_level", "kind")
        .annotate(count=Count("pk"))
    )
    cells = {(level or "", kind): count for level, kind, count in rows}
    by_level = tuple(
        CountBy(key=level, count=sum(c for (lv, _k), c in cells.items() if lv == level)) for level in (*LEVELS, "")
    )
    by_kind = tuple(CountBy(key=kind, count=sum(c for (_l, k), c in cells.items() if k == kind)) for kind in KINDS)
    matrix = tuple((level, kind, cells.get((level, kind), 0)) for level in (*LEVELS, "") for kind in KINDS)
    return AgencyCounts(total=sum(cells.values()), by_level=by_level, by_kind=by_kind, by_level_and_kind=matrix)


def _reapprovals(agencies: QuerySet[Agency], *, on: date) -> QuerySet:
    return (
        agency_annotate_level(agencies.filter(is_active=True), on=on)
        .filter(reapproval_due__isnull=False)
        .values("pk", "name", "current_level", "reapproval_due")
    )


def reapprovals_overdue(*, agencies: QuerySet[Agency], today: date, limit: int | None = None) -> list[ReapprovalDue]:
    """Agencies whose level in force was due for re-approval before today (分級辦法 Art 3 cycle), oldest first."""
    rows = _reapprovals(agencies, on=today).filter(reapproval_due__lt=today).order_by("reapproval_due", "name", "pk")
    return [_reapproval(row) for row in (rows[:limit] if limit else rows)]


def reapprovals_overdue_count(*, agencies: QuerySet[Agency], today: date) -> int:
    return _reapprovals(agencies, on=today).filter(reapproval_due__lt=today).count()


def reapprovals_upcoming(
    *, agencies: QuerySet[Agency], today: date, days: int = 90, limit: int = 10
) -> list[ReapprovalDue]:
    """Re-approvals falling due within ``days`` days from today, nearest first."""
    rows = _reapprovals(agencies, on=today).filter(
        reapproval_due__gte=today, reapproval_due__lte=today + timedelta(days=days)
    )
    return [_reapproval(row) for row in rows.order_by("reapproval_due", "name", "pk")[:limit]]


def _reapproval(row: dict) -> ReapprovalDue:
    return ReapprovalDue(
        agency_id=row["pk"],
        agency_name=row["name"],
        level=row["current_level"] or "",
        reapproval_due=row["reapproval_due"],
    )
