"""Compliance rate — the one selector every page, dashboard, export and report uses.

An item counts once it is **due** (its due date has passed) or already settled (accepted or exempt ahead of
its due date): rate = (accepted + exempt) / counted items, per agency, sector regulator, sector, level or
required item, in one SQL aggregation. Items still open before their due date are reported (``assigned``)
but never lower the rate; superseded items never count. An accepted item is on
time when the submission that was accepted arrived by the due instant (``due_at``), late otherwise.
Reading recorded in docs/legal-decisions.md ("Reports: figures and dashboards").
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import BooleanField, Case, CharField, Count, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Cast, Coalesce, Concat

from obligations import rules
from obligations.models import EvidenceSubmission, Obligation

GROUPS = {
    "agency": ("agency_id", "agency__name"),
    "regulator": ("agency__regulator_id", "agency__regulator__name"),
    "sector": ("agency__sectors", "agency__sectors__name_zh"),
    "level": ("level", "level"),
    "item": ("item_key", "item_label"),
    "all": (None, None),
}
COMPLIANT_STATUSES = (rules.ObligationStatus.ACCEPTED, rules.ObligationStatus.EXEMPT)


def percent(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` as a percentage with one decimal (None when ``whole`` is 0)."""
    if not whole:
        return None
    return (Decimal(part * 100) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class ComplianceRow:
    key: int | str | None
    label: str
    assigned: int  # every item that counts (not superseded), due or not
    counted: int  # the denominator: items past their due date, or settled (accepted/exempt) ahead of it
    accepted_on_time: int
    accepted_late: int
    exempt: int
    overdue: int  # due and still owed by the agency (open or returned)
    awaiting_review: int  # due, submitted, not yet reviewed

    @property
    def compliant(self) -> int:
        return self.accepted_on_time + self.accepted_late + self.exempt

    @property
    def rate(self) -> Decimal | None:
        """Percentage of counted items accepted or exempt, one decimal (None when nothing counts yet)."""
        return percent(self.compliant, self.counted)

    @property
    def on_time_rate(self) -> Decimal | None:
        return percent(self.accepted_on_time + self.exempt, self.counted)


def _accepted_at() -> Subquery:
    """When the accepted submission was handed in: the latest by number, read through the (obligation,
    number) unique index (a correlated EXISTS on review/submitted_at made SQLite scan every submission)."""
    return Subquery(
        EvidenceSubmission.objects.filter(obligation=OuterRef("pk"), review=EvidenceSubmission.Review.ACCEPTED)
        .order_by("-number")
        .values("submitted_at")[:1]
    )


def _in_time() -> Case:
    """True when the accepted submission arrived by the due instant."""
    return Case(
        When(status=rules.ObligationStatus.ACCEPTED, accepted_at__lte=F("due_at"), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def _aggregates(today: date, *, distinct: bool) -> dict:
    """``distinct`` only where a join can repeat an item (the sector grouping crosses a many-to-many)."""
    due = Q(due_on__lt=today)
    accepted = Q(status=rules.ObligationStatus.ACCEPTED)
    filters = {
        "assigned": None,
        "counted": due | Q(status__in=COMPLIANT_STATUSES),
        "accepted_on_time": accepted & Q(in_time=True),
        "accepted_late": accepted & Q(in_time=False),
        "exempt": Q(status=rules.ObligationStatus.EXEMPT),
        "overdue": due & Q(status__in=rules.OWED_STATUSES),
        "awaiting_review": due & Q(status=rules.ObligationStatus.SUBMITTED),
    }
    return {name: Count("id", filter=condition, distinct=distinct) for name, condition in filters.items()}


def compliance_counted(base: QuerySet[Obligation], *, with_item: bool = True) -> QuerySet[Obligation]:
    """The items that count, annotated with ``in_time`` and (``with_item``) the item key/label: the
    requirement's code and Chinese item name, or the ad-hoc request's own key and title."""
    counted = (
        base.exclude(status=rules.ObligationStatus.SUPERSEDED)
        .annotate(accepted_at=_accepted_at(), in_time=_in_time())
        .order_by()
    )
    if not with_item:
        return counted
    return counted.annotate(
        item_key=Coalesce(
            F("requirement__code"),
            Concat(Value("adhoc-"), Cast("adhoc_id", output_field=CharField())),
            output_field=CharField(),
        ),
        item_label=Coalesce(F("requirement__item_zh"), F("adhoc__title"), output_field=CharField()),
    )


def obligation_compliance_rates(*, base: QuerySet[Obligation], group_by: str, today: date) -> list[ComplianceRow]:
    key, label = GROUPS[group_by]
    counted = compliance_counted(base, with_item=group_by == "item")
    aggregates = _aggregates(today, distinct=group_by == "sector")
    if key is None:
        return [ComplianceRow(key=None, label="", **counted.aggregate(**aggregates))]
    rows = counted.values(key, label).annotate(**aggregates).order_by(label)
    return [
        ComplianceRow(key=row[key], label=row[label] or "", **{name: row[name] for name in aggregates}) for row in rows
    ]
