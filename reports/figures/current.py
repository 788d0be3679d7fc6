"""What is open right now (not tied to a year): open incident clocks and upcoming obligation deadlines."""

from datetime import date, datetime, timedelta

from django.db.models import Count, F, Q, QuerySet

from incidents.models import IncidentClock
from incidents.rules import IncidentStatus
from infrastructure.models import Agency
from obligations import rules
from obligations.models import Obligation
from reports.figures.incidents import CLOCKS
from reports.figures.types import CountBy, OverdueItem

UPCOMING_DAYS = 30


def open_clocks(*, agencies: QuerySet[Agency], now: datetime) -> tuple[tuple[str, int, int], ...]:
    """(clock kind, running, overdue) of the notified incidents in scope whose clock is not met: one query."""
    rows = (
        IncidentClock.objects.filter(incident__agency__in=agencies.values("pk"), met_at__isnull=True, kind__in=CLOCKS)
        .exclude(incident__status=IncidentStatus.DRAFT)
        .order_by()
        .values("kind")
        .annotate(running=Count("pk", filter=Q(due_at__gte=now)), overdue=Count("pk", filter=Q(due_at__lt=now)))
    )
    by_kind = {row["kind"]: (row["running"], row["overdue"]) for row in rows}
    return tuple((str(kind), *by_kind.get(kind, (0, 0))) for kind in CLOCKS)


def upcoming_deadlines(
    *, agencies: QuerySet[Agency], today: date, days: int = UPCOMING_DAYS, limit: int = 10
) -> list[OverdueItem]:
    """Obligations still owed that fall due within ``days`` days, nearest first (``days_overdue`` ≤ 0)."""
    rows = (
        Obligation.objects.filter(
            agency__in=agencies.values("pk"),
            status__in=rules.OWED_STATUSES,
            due_on__gte=today,
            due_on__lte=today + timedelta(days=days),
        )
        .annotate(agency_name=F("agency__name"), item=F("requirement__item_zh"), adhoc_title=F("adhoc__title"))
        .values("pk", "agency_id", "agency_name", "item", "adhoc_title", "level", "due_on", "status")
        .order_by("due_on", "agency_name", "pk")[:limit]
    )
    return [
        OverdueItem(
            obligation_id=row["pk"],
            agency_id=row["agency_id"],
            agency_name=row["agency_name"],
            item=row["item"] or row["adhoc_title"] or "",
            level=row["level"],
            due_on=row["due_on"],
            days_overdue=(today - row["due_on"]).days,
            status=row["status"],
        )
        for row in rows
    ]


def upcoming_deadline_count(*, agencies: QuerySet[Agency], today: date, days: int = UPCOMING_DAYS) -> CountBy:
    count = Obligation.objects.filter(
        agency__in=agencies.values("pk"),
        status__in=rules.OWED_STATUSES,
        due_on__gte=today,
        due_on__lte=today + timedelta(days=days),
    ).count()
    return CountBy(key=str(days), count=count)
