"""Every figure of one scope and year in one frozen value (a constant number of queries)."""

from datetime import date, datetime

from django.db.models import QuerySet

from infrastructure.models import Agency
from reports.figures import compliance, incidents, registry
from reports.figures.scope import as_of_date
from reports.figures.types import KeyFigures

LEAST_MET_TOP = 10


def key_figures(*, agencies: QuerySet[Agency], year: int, today: date, now: datetime) -> KeyFigures:
    by_item = compliance.compliance_by_item(agencies=agencies, year=year, today=today)
    return KeyFigures(
        year=year,
        as_of=as_of_date(year=year, today=today),
        agencies=registry.agencies_by_level_and_kind(agencies=agencies, on=as_of_date(year=year, today=today)),
        compliance_total=compliance.compliance_total(agencies=agencies, year=year, today=today),
        compliance_by_level=compliance.compliance_by_level(agencies=agencies, year=year, today=today),
        compliance_by_item=by_item,
        overdue_count=compliance.overdue_count(agencies=agencies, year=year, today=today),
        reapprovals_overdue=registry.reapprovals_overdue_count(agencies=agencies, today=today),
        incidents=incidents.incidents_by_level_and_month(agencies=agencies, year=year),
        clocks=incidents.clock_figures(agencies=agencies, year=year, now=now),
        drills=incidents.drill_figures(agencies=agencies, year=year, today=today),
        least_met=compliance.least_met(by_item, top=LEAST_MET_TOP),
        bands=compliance.compliance_bands(agencies=agencies, year=year, today=today),
    )
