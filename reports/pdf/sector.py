"""The annual per-sector compliance summary (also a superior agency's subtree report):
``render_sector_summary_pdf(data) -> bytes``."""

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, PageBreak, Spacer

from reports.data import SectorSummary
from reports.pdf import parts
from reports.pdf.agency_table import agency_tables
from reports.pdf.layout import Heading
from reports.pdf.styles import (
    BODY,
    H1,
    SMALL,
    build_pdf,
    contents,
    cover,
    date_text,
    no_data,
    para,
    section_flowables,
    simple_table,
    year_label,
)

FRAME_HEIGHT = 297 * mm - 2 * (18 + 4) * mm - 1
HEADING_ALLOWANCE = 36 + 3 * mm  # an H1 (22 pt leading + spacing) and the note below it


def render_sector_summary_pdf(data: SectorSummary) -> bytes:
    with translation.override(data.header.language):
        title = report_title(data)
        return build_pdf(data.header, title=title, story=_story(data, title))


def report_title(data: SectorSummary) -> str:
    year = year_label(data.header.year, data.header.language)
    if data.header.kind == "subtree":
        return _("%(year)s compliance report of %(subject)s and its subordinate agencies") % {
            "year": year,
            "subject": data.header.subject,
        }
    return _("%(year)s cyber security compliance summary: %(subject)s") % {"year": year, "subject": data.header.subject}


def toc_entries(data: SectorSummary) -> tuple[tuple[str, str, int], ...]:
    entries = [
        ("summary", _("Executive summary"), 0),
        ("agencies", _("Agencies by level and kind"), 0),
        ("compliance", _("Obligation compliance"), 0),
        ("compliance-level", _("By level"), 1),
        ("least-met", _("Items least met"), 1),
        ("bands", _("Agencies by compliance band"), 1),
        ("compliance-item", _("By item"), 1),
        ("incidents", _("Incidents and legal clocks"), 0),
        ("clocks", _("On-time rate of each clock"), 1),
        ("drills", _("Drills"), 0),
        ("other", _("Audits and other sections"), 0),
        *((f"section-{s.key}", s.title, 1) for s in data.sections),
        ("observations", _("Observations and recommendations of the issuing authority"), 0),
        ("observations-text", _("Observations"), 1),
        ("recommendations", _("Recommendations"), 1),
    ]
    if data.observations.agency_notes:
        entries.append(("agency-notes", _("Notes on individual agencies"), 1))
    entries += [("agency-table", _("Agencies one by one"), 0), ("overdue", _("Appendix: overdue items"), 0)]
    return tuple(entries)


def _story(data: SectorSummary, title: str) -> list:
    lang, current = data.header.language, data.current
    story = cover(data.header, title) + contents(toc_entries(data))
    story += [Heading(_("Executive summary"), H1, key="summary")]
    story += [
        para(
            _("Figures of %(year)s, with the change against the previous year.")
            % {"year": year_label(current.year, lang)},
            SMALL,
        )
    ]
    story += parts.key_figures(current, data.previous, lang)
    story += [PageBreak()] + parts.agencies_section(current, lang)
    story += [PageBreak()] + parts.compliance_section(current, data.previous, lang, top=data.least_met_top)
    story += [PageBreak()] + parts.incidents_section(current, lang) + parts.drills_section(current, lang)
    story += [Heading(_("Audits and other sections"), H1, key="other")]
    for section in data.sections:
        story += section_flowables(section, width=parts.WIDTH)
    story += [PageBreak()] + parts.observations_section(data.observations, lang)
    story += [PageBreak(), Heading(_("Agencies one by one"), H1, key="agency-table")]
    story += [para(_("Met: share of the items due that were accepted or exempt. Incidents by level 1 to 4."), SMALL)]
    story += agency_tables(
        data.agencies,
        first_height=FRAME_HEIGHT - HEADING_ALLOWANCE,
        page_height=FRAME_HEIGHT,
        date_text=lambda d: date_text(d, lang),
    ) or [no_data()]
    story += [PageBreak(), Heading(_("Appendix: overdue items"), H1, key="overdue")]
    story += overdue_table(data.overdue, lang)
    return story


def overdue_table(rows, lang: str) -> list:
    if not rows:
        return [para(_("No item is overdue."), BODY)]
    table_rows = [[r.agency, r.item, date_text(r.due_on, lang), str(r.days_overdue)] for r in rows]
    header = [_("Agency"), _("Item"), _("Due on"), _("Days overdue")]
    table = simple_table(header, table_rows, [62 * mm, 72 * mm, 22 * mm, 18 * mm], numeric_from=2, kind=LongTable)
    return [Spacer(1, 2 * mm), table]
