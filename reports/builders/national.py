"""build_national_overview: every sector side by side, and the national figures (competent authority)."""

from datetime import date

from django.utils import translation

from infrastructure.models import Agency
from reports import data as report_data
from reports import sections, subjects
from reports.figures.annual import Scope, year_figures
from reports.figures.scope import as_of_date


def build_national_overview(*, header: report_data.ReportHeader, today: date) -> report_data.NationalOverview:
    with translation.override(header.language):
        cutoff = as_of_date(year=header.year, today=today)
        nation = Scope(
            agencies=Agency.objects.filter(is_active=True),
            year=header.year,
            cutoff=cutoff,
            judged_at=header.generated_at,
        )
        current, _detail = year_figures(nation)
        previous_scope = Scope(
            nation.agencies, header.year - 1, as_of_date(year=header.year - 1, today=today), header.generated_at
        )
        previous, _detail = year_figures(previous_scope)
        return report_data.NationalOverview(
            header=header,
            current=current,
            previous=previous,
            sectors=tuple(_sector_line(subject, header, cutoff) for subject in subjects.sector_subjects()),
            sections=sections.build_sections(agency_ids=nation.ids, year=header.year),
        )


def _sector_line(subject, header: report_data.ReportHeader, cutoff: date) -> report_data.SectorLine:
    """One sector's line (a dozen queries per sector; the number of sectors is small and fixed)."""
    figures, _detail = year_figures(
        Scope(subjects.sector_agencies(subject.key), header.year, cutoff, header.generated_at)
    )
    fell = sum(c.total for c in figures.clocks)
    on_time = sum(c.on_time for c in figures.clocks)
    return report_data.SectorLine(
        name=subject.name(header.language),
        agencies=figures.agencies,
        compliance=figures.compliance,
        overdue_items=figures.overdue_items,
        incidents=figures.incidents,
        clocks_on_time_rate=report_data.percent(on_time, fell),
    )
