"""Incident lists: the agency's own, the reviewer's queue (nearest deadline first), the national view,
overdue clocks. A constant number of queries; clocks are prefetched for the templates."""

from datetime import datetime

from django.db.models import Count, F, Min, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear

from incidents.models import Incident, IncidentClock
from incidents.rules import IncidentStatus
from incidents.selectors.visibility import incident_list_visible_to, review_queue_q

REVIEW_PENDING = (IncidentStatus.REPORTED, IncidentStatus.UNDER_REVIEW, IncidentStatus.REPORT_SUBMITTED)


def _with_clocks(queryset: QuerySet[Incident]) -> QuerySet[Incident]:
    return queryset.select_related("agency").prefetch_related(
        Prefetch("clocks", queryset=IncidentClock.objects.order_by("due_at"))
    )


def incident_list_review_queue(*, user) -> QuerySet[Incident]:
    """Awaiting review, forwarding or a report decision, nearest open deadline first (overdue ones, whose
    deadline has passed, come first of all); incidents with no open deadline last. NULLS LAST is spelled
    out: SQLite sorts NULL first in ascending order, PostgreSQL last."""
    q = review_queue_q(user=user)
    if q is None:
        return Incident.objects.none()
    pending = Q(status__in=REVIEW_PENDING) | Q(clocks__kind__in=("review", "forward"), clocks__met_at__isnull=True)
    queryset = (
        Incident.objects.filter(q)
        .filter(pending)
        .distinct()
        .annotate(next_due=Min("clocks__due_at", filter=Q(clocks__met_at__isnull=True)))
    )
    return _with_clocks(queryset.order_by(F("next_due").asc(nulls_last=True), "id"))


def incident_list_overdue(*, now: datetime, base: QuerySet[Incident] | None = None) -> QuerySet[IncidentClock]:
    """Open clocks past their deadline: one indexed range over the open clocks."""
    clocks = IncidentClock.objects.filter(met_at__isnull=True, due_at__lt=now)
    if base is not None:
        clocks = clocks.filter(incident__in=base)
    return clocks.select_related("incident__agency").order_by("due_at")


def incident_counts_by_level(*, base: QuerySet[Incident]) -> list[dict]:
    """Per year and level, as rows for the national view."""
    return list(
        base.exclude(status=IncidentStatus.DRAFT)
        .annotate(year=ExtractYear("aware_at"))
        .values("year", "level")
        .annotate(count=Count("id"))
        .order_by("-year", "level")
    )


def incident_counts_by_sector(*, base: QuerySet[Incident], year: int) -> list[dict]:
    return list(
        base.exclude(status=IncidentStatus.DRAFT)
        .filter(aware_at__year=year)
        .values("agency__kind", "agency__sectors__name_zh", "level")
        .annotate(count=Count("id", distinct=True))
        .order_by("agency__kind", "agency__sectors__name_zh", "level")
    )


def missed_clock_counts(*, base: QuerySet[Incident], year: int) -> list[dict]:
    """Clocks met late or still overdue, per clock kind."""
    missed = Q(met_at__gt=F("due_at"))
    return list(
        IncidentClock.objects.filter(incident__in=base.filter(aware_at__year=year))
        .filter(missed)
        .values("kind")
        .annotate(count=Count("id"))
        .order_by("kind")
    )


def incident_list_visible(*, user) -> QuerySet[Incident]:
    return _with_clocks(incident_list_visible_to(user=user))
