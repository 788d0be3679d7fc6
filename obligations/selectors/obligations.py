"""Obligation lists and details: scoped by the caller's base queryset; constant query counts."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, CharField, F, Prefetch, Q, QuerySet, Value, When

from obligations import rules
from obligations.models import EvidenceFile, EvidenceSubmission, Obligation, ObligationEvent

DISPLAY_STATUSES = (
    rules.UPCOMING,
    rules.DUE_SOON,
    rules.ObligationStatus.SUBMITTED,
    rules.ObligationStatus.ACCEPTED,
    rules.ObligationStatus.RETURNED,
    rules.OVERDUE,
    rules.ObligationStatus.EXEMPT,
    rules.ObligationStatus.SUPERSEDED,
)


@dataclass(frozen=True)
class ObligationFilters:
    year: int | None = None
    status: str = ""
    level: str = ""
    sector: int | None = None
    agency: int | None = None
    kind: str = ""
    q: str = ""


def annotate_display_status(queryset: QuerySet[Obligation], *, today: date) -> QuerySet[Obligation]:
    """``display_status`` in SQL: upcoming / due soon / overdue for owed rows, otherwise the stored status."""
    return queryset.annotate(
        display_status=Case(
            When(status__in=rules.OWED_STATUSES, due_on__lt=today, then=Value(rules.OVERDUE)),
            When(
                status=rules.ObligationStatus.OPEN,
                due_on__lte=today + timedelta(days=rules.DUE_SOON_DAYS),
                then=Value(rules.DUE_SOON),
            ),
            When(status=rules.ObligationStatus.OPEN, then=Value(rules.UPCOMING)),
            default=F("status"),
            output_field=CharField(),
        )
    )


def year_q(year: int) -> Q:
    """Obligations of a year: assigned for it, or falling due in it."""
    return Q(year=year) | Q(due_on__year=year)


def obligation_list(*, base: QuerySet[Obligation], filters: ObligationFilters, today: date) -> QuerySet[Obligation]:
    queryset = annotate_display_status(base, today=today)
    if filters.year:
        queryset = queryset.filter(year_q(filters.year))
    if filters.status:
        queryset = queryset.filter(display_status=filters.status)
    if filters.level:
        queryset = queryset.filter(level=filters.level)
    if filters.sector:
        queryset = queryset.filter(agency__sectors=filters.sector)
    if filters.agency:
        queryset = queryset.filter(agency_id=filters.agency)
    if filters.kind:
        queryset = queryset.filter(agency__kind=filters.kind)
    if filters.q:
        queryset = queryset.filter(
            Q(agency__name__icontains=filters.q)
            | Q(requirement__item_zh__icontains=filters.q)
            | Q(requirement__item_en__icontains=filters.q)
            | Q(adhoc__title__icontains=filters.q)
        )
    return queryset.select_related("agency", "requirement", "adhoc", "core_system").order_by(
        "due_on", "agency_id", "id"
    )


def obligation_get_detail(*, obligation_id: int, base: QuerySet[Obligation], today: date) -> Obligation:
    """One obligation with its submissions, files and events (raises Obligation.DoesNotExist)."""
    submissions = (
        EvidenceSubmission.objects.select_related("submitted_by", "reviewed_by")
        .prefetch_related(Prefetch("files", queryset=EvidenceFile.objects.order_by("id")))
        .order_by("-number")
    )
    return (
        annotate_display_status(base, today=today)
        .select_related("agency", "requirement", "rule_set", "adhoc", "core_system", "level_decision")
        .prefetch_related(
            Prefetch("submissions", queryset=submissions),
            Prefetch(
                "events", queryset=ObligationEvent.objects.select_related("actor").order_by("-occurred_at", "-id")
            ),
        )
        .get(pk=obligation_id)
    )


def review_queue(*, base: QuerySet[EvidenceSubmission]) -> QuerySet[EvidenceSubmission]:
    return (
        base.filter(review=EvidenceSubmission.Review.PENDING, obligation__status=rules.ObligationStatus.SUBMITTED)
        .select_related("obligation__agency", "obligation__requirement", "obligation__adhoc", "submitted_by")
        .prefetch_related("files")
        .order_by("submitted_at", "id")
    )


def status_counts(queryset: QuerySet[Obligation]) -> dict[str, int]:
    """Counts per display status of an already-annotated queryset (one query)."""
    from django.db.models import Count

    rows = queryset.order_by().values("display_status").annotate(n=Count("id"))
    counts = {status: 0 for status in DISPLAY_STATUSES}
    counts.update({row["display_status"]: row["n"] for row in rows})
    return counts
