"""The querysets every figure starts from: the agencies in scope and one calendar year (Asia/Taipei).

A scope is a queryset of agencies (a sector, a subtree, everything, one agency) already narrowed by the
access rules (``access.selectors.agencies_visible_to``): an agency outside it is never counted or named.
"""

from datetime import date, datetime

from django.db.models import Q, QuerySet

from common.periods import TAIPEI
from incidents.models import Drill, Incident, IncidentClock
from incidents.rules import IncidentStatus
from infrastructure.models import Agency
from obligations.models import Obligation
from obligations.selectors.obligations import year_q


def as_of_date(*, year: int, today: date) -> date:
    """The day levels are read on: today for the running year, 31 December for a past one. (Compliance and
    clocks are always read as of today: a past year's late acceptances still count, as late.)"""
    return min(today, date(year, 12, 31))


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """[1 January, next 1 January) in Asia/Taipei, as aware datetimes."""
    return datetime(year, 1, 1, tzinfo=TAIPEI), datetime(year + 1, 1, 1, tzinfo=TAIPEI)


def in_scope(agencies: QuerySet[Agency], *, prefix: str = "agency__") -> Q:
    """Q on child rows for the agencies in scope; nothing to join when the scope is the whole registry
    (the competent authority's unfiltered queryset), so national figures scan one table."""
    if agencies.model is Agency and not agencies.query.where and not agencies.query.is_sliced:
        return Q()
    return Q(**{f"{prefix}in": agencies.values("pk")})


def scoped_obligations(*, agencies: QuerySet[Agency], year: int) -> QuerySet[Obligation]:
    """Obligations of the year (assigned for it or falling due in it) of the agencies in scope."""
    return Obligation.objects.filter(year_q(year), in_scope(agencies))


def scoped_incidents(*, agencies: QuerySet[Agency], year: int) -> QuerySet[Incident]:
    """Notified incidents (never drafts) of which the agency became aware in the year."""
    start, end = year_bounds(year)
    return Incident.objects.filter(in_scope(agencies), aware_at__gte=start, aware_at__lt=end).exclude(
        status=IncidentStatus.DRAFT
    )


def scoped_clocks(*, agencies: QuerySet[Agency], year: int) -> QuerySet[IncidentClock]:
    return IncidentClock.objects.filter(incident__in=scoped_incidents(agencies=agencies, year=year).values("pk"))


def scoped_drills(*, agencies: QuerySet[Agency], year: int) -> QuerySet[Drill]:
    """Drills whose period ends in the year."""
    return Drill.objects.filter(in_scope(agencies), ends_on__year=year)
