"""The audit part of the annual reports (sector, subtree, national, scorecard), from audits/reporting.py:
audits done against plan, reports and improvement reports on time, findings by checklist section and
severity, findings closed, the oldest open findings; and each agency's last audit and open findings.
A year without audits renders 無資料 (an empty section)."""

from datetime import date

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from audits.reporting import audit_facts_by_agency, audit_year
from reports.data import Section
from reports.pdf.styles import date_text


def _ratio(part: int, whole: int) -> str:
    return f"{part} / {whole}" if whole else "—"


def _day(value: date) -> str:
    return date_text(value, translation.get_language() or "zh-hant")


def audit_sections(*, agency_ids: QuerySet, year: int) -> tuple[Section, ...]:
    figures = audit_year(agency_ids=agency_ids, year=year)
    summary = Section(key="audits", title=_("Audits"), columns=(_("Figure"), _("Value")))
    if figures.planned:
        summary = Section(
            key="audits",
            title=_("Audits"),
            columns=(_("Figure"), _("Value")),
            rows=(
                (_("Audits done / planned"), _ratio(figures.done, figures.planned)),
                (_("Audit reports issued on time / issued"), _ratio(figures.reports_on_time, figures.reports_issued)),
                (
                    _("Improvement reports on time / submitted"),
                    _ratio(figures.improvements_on_time, figures.improvements_submitted),
                ),
                (_("Findings closed / recorded"), _ratio(figures.findings_closed, figures.findings_total)),
            ),
        )
    by_section = Section(
        key="audits_findings",
        title=_("Audit findings by checklist section and severity"),
        columns=(_("Checklist section"), _("High"), _("Medium"), _("Low")),
        rows=tuple((name, str(high), str(medium), str(low)) for name, high, medium, low in figures.findings_by_section),
    )
    oldest = Section(
        key="audits_open",
        title=_("Oldest open audit findings"),
        columns=(_("Agency"), _("Finding"), _("Description"), _("Recorded on")),
        rows=tuple((f.agency, str(f.number), f.description, _day(f.recorded_on)) for f in figures.oldest_open),
    )
    return (summary, by_section, oldest)


def audit_agency_facts(*, agency_ids: QuerySet, year: int) -> dict[int, tuple[date | None, int | None]]:
    return audit_facts_by_agency(agency_ids=agency_ids, year=year)
