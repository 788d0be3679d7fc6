"""build_scorecard: one agency beside its sector's and its level's average, year by year, weakest items."""

from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import translation

from infrastructure.models import Agency, AgencyKind
from infrastructure.selectors import level_current_for
from obligations.models import Obligation
from obligations.selectors.compliance import COMPLIANT_STATUSES, compliance_counted
from obligations.selectors.obligations import year_q
from reports import data as d
from reports import sections, subjects
from reports.builders.sector import overdue_rows
from reports.figures.annual import Scope, clock_figures, compliance_figures, incident_figures
from reports.figures.compliance import counting_day
from reports.figures.scope import as_of_date

HISTORY_YEARS = 5
WEAKEST = 5


def rates_by_year(obligations: QuerySet[Obligation], years: list[int], today: date) -> dict[int, d.Decimal | None]:
    """Met share of each year's items due by its cut-off, counted as reports.figures.annual counts them (the
    items of a year: assigned for it or falling due in it): one query."""
    counts = {}
    for year in years:
        counted = year_q(year) & (Q(due_on__lt=counting_day(year, today)) | Q(status__in=COMPLIANT_STATUSES))
        counts[f"n{year}"] = Count("id", filter=counted)
        counts[f"met{year}"] = Count("id", filter=counted & Q(status__in=COMPLIANT_STATUSES))
    row = compliance_counted(obligations, with_item=False).aggregate(**counts)
    return {year: d.percent(row[f"met{year}"], row[f"n{year}"]) for year in years}


def _sector_key(agency: Agency) -> str:
    if agency.kind == AgencyKind.GOVERNMENT:
        return subjects.GOVERNMENT
    first = agency.sectors.order_by("sort_order", "code").first()
    return first.code if first else subjects.GOVERNMENT


def build_scorecard(*, header: d.ReportHeader, agency: Agency, today: date) -> d.Scorecard:
    with translation.override(header.language):
        year, cutoff = header.year, as_of_date(year=header.year, today=today)
        scope = Scope(Agency.objects.filter(pk=agency.pk), year, cutoff, header.generated_at)
        total, _levels, items = compliance_figures(scope)
        level = level_current_for(agency=agency, on=cutoff) or ""
        sector = subjects.sector_subject(_sector_key(agency))
        years = list(range(year - HISTORY_YEARS + 1, year + 1))
        own = rates_by_year(Obligation.objects.filter(agency=agency), years, today)
        in_sector = rates_by_year(
            Obligation.objects.filter(agency__in=subjects.sector_agencies(sector.key).values("pk")), years, today
        )
        same_level = (
            rates_by_year(Obligation.objects.filter(level=level), years, today) if level else dict.fromkeys(years)
        )
        history = tuple(
            d.YearPoint(y, own[y], in_sector[y], same_level[y]) for y in years if own[y] is not None or y == year
        )
        incidents, _months, _per_agency = incident_figures(scope)
        _clocks, missed = clock_figures(scope)
        weakest = tuple(sorted((c for c in items if c.unmet), key=lambda c: (-c.unmet, c.key))[:WEAKEST])
        return d.Scorecard(
            header=header,
            agency=agency.name,
            level=level,
            sector=sector.name(header.language),
            current=total,
            history=history,
            weakest=weakest,
            overdue=overdue_rows(scope),
            incidents_by_level=incidents,
            clocks_missed=sum(missed.values()),
            sections=sections.build_sections(agency_ids=scope.ids, year=year),
        )
