"""The per-agency rows: level, obligations met %, overdue, incidents by level, clocks missed.

Five queries whatever the number of agencies (agencies, compliance per agency, incidents per agency and
level, missed clocks per agency), merged here.
"""

from collections import defaultdict
from datetime import date, datetime

from django.db.models import Count, F, Q, QuerySet

from infrastructure.models import Agency
from infrastructure.selectors import agency_annotate_level
from obligations.selectors.compliance import obligation_compliance_rates
from reports.figures.compliance import band_of, counting_day
from reports.figures.incidents import CLOCKS
from reports.figures.scope import as_of_date, scoped_clocks, scoped_incidents, scoped_obligations
from reports.figures.types import AgencyRow


def agency_rows(*, agencies: QuerySet[Agency], year: int, today: date, now: datetime) -> list[AgencyRow]:
    """Every active agency in scope, ordered by the registry tree (path)."""
    base = agency_annotate_level(agencies.filter(is_active=True), on=as_of_date(year=year, today=today))
    registry = base.order_by("path").values("pk", "name", "kind", "current_level", "regulator__name", "parent__name")
    compliance = {
        row.key: row
        for row in obligation_compliance_rates(
            base=scoped_obligations(agencies=agencies, year=year), group_by="agency", today=counting_day(year, today)
        )
    }
    incidents = incidents_by_agency(agencies, year=year)
    missed = _clocks_missed_by_agency(agencies, year=year, now=now)
    return [_row(agency, compliance.get(agency["pk"]), incidents, missed) for agency in registry]


def _row(agency: dict, compliance, incidents: dict, missed: dict) -> AgencyRow:
    rate = compliance.rate if compliance else None
    return AgencyRow(
        agency_id=agency["pk"],
        name=agency["name"],
        kind=agency["kind"],
        level=agency["current_level"] or "",
        regulator_name=agency["regulator__name"] or "",
        parent_name=agency["parent__name"] or "",
        assigned=compliance.assigned if compliance else 0,
        counted=compliance.counted if compliance else 0,
        compliant=compliance.compliant if compliance else 0,
        overdue=compliance.overdue if compliance else 0,
        rate=rate,
        incidents_by_level=incidents.get(agency["pk"], (0, 0, 0, 0)),
        clocks_missed=missed.get(agency["pk"], 0),
        band=band_of(rate),
    )


def incidents_by_agency(agencies: QuerySet[Agency], *, year: int) -> dict[int, tuple[int, int, int, int]]:
    """agency id → notified incidents of the year by level 1–4 (agencies with none are absent): one query."""
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    rows = (
        scoped_incidents(agencies=agencies, year=year)
        .order_by()
        .values_list("agency_id", "level")
        .annotate(count=Count("pk"))
    )
    for agency_id, level, count in rows:
        counts[agency_id][level - 1] = count
    return {agency_id: tuple(values) for agency_id, values in counts.items()}


def missed_clock_q(*, now: datetime, prefix: str = "") -> Q:
    """A clock is missed when it was met after its deadline or is still open past it."""
    late = Q(**{f"{prefix}met_at__gt": F(f"{prefix}due_at")})
    return late | Q(**{f"{prefix}met_at__isnull": True, f"{prefix}due_at__lt": now})


def _clocks_missed_by_agency(agencies: QuerySet[Agency], *, year: int, now: datetime) -> dict[int, int]:
    rows = (
        scoped_clocks(agencies=agencies, year=year)
        .filter(missed_clock_q(now=now), kind__in=CLOCKS)
        .order_by()
        .values_list("incident__agency_id")
        .annotate(count=Count("pk"))
    )
    return dict(rows)
