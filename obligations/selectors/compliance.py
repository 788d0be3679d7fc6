"""Compliance rate — the one selector dashboards and reports use.

Rate = (accepted + exempt) / obligations that count (every status except superseded), per agency,
sector regulator, sector or level, in one SQL aggregation.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet

from obligations import rules
from obligations.models import Obligation

GROUPS = {
    "agency": ("agency_id", "agency__name"),
    "regulator": ("agency__regulator_id", "agency__regulator__name"),
    "sector": ("agency__sectors", "agency__sectors__name_zh"),
    "level": ("level", "level"),
    "all": (None, None),
}


@dataclass(frozen=True)
class ComplianceRow:
    key: int | str | None
    label: str
    total: int
    compliant: int
    overdue: int

    @property
    def rate(self) -> Decimal | None:
        """Percentage with one decimal (None when nothing counts)."""
        if not self.total:
            return None
        return (Decimal(self.compliant * 100) / Decimal(self.total)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def obligation_compliance_rates(*, base: QuerySet[Obligation], group_by: str, today: date) -> list[ComplianceRow]:
    key, label = GROUPS[group_by]
    counted = base.exclude(status=rules.SUPERSEDED).order_by()
    aggregates = {
        "total": Count("id", distinct=True),
        "compliant": Count("id", filter=Q(status__in=[rules.ACCEPTED, rules.EXEMPT]), distinct=True),
        "overdue": Count("id", filter=Q(status__in=rules.OWED_STATUSES, due_on__lt=today), distinct=True),
    }
    if key is None:
        row = counted.aggregate(**aggregates)
        return [ComplianceRow(key=None, label="", **row)]
    rows = counted.values(key, label).annotate(**aggregates).order_by(label)
    return [
        ComplianceRow(
            key=row[key], label=row[label] or "", total=row["total"], compliant=row["compliant"], overdue=row["overdue"]
        )
        for row in rows
    ]
