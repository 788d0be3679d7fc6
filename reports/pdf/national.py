"""The national overview (all sectors side by side): ``render_national_overview_pdf(data) -> bytes``."""

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak

from reports.data import NationalOverview
from reports.pdf import charts, parts
from reports.pdf.layout import Heading
from reports.pdf.styles import (
    H1,
    SMALL,
    build_pdf,
    contents,
    cover,
    para,
    pct,
    section_flowables,
    simple_table,
    year_label,
)


def render_national_overview_pdf(data: NationalOverview) -> bytes:
    with translation.override(data.header.language):
        title = _("%(year)s national cyber security compliance overview") % {
            "year": year_label(data.header.year, data.header.language)
        }
        return build_pdf(data.header, title=title, story=_story(data, title))


def _entries(data: NationalOverview) -> tuple[tuple[str, str, int], ...]:
    return (
        ("summary", _("Executive summary"), 0),
        ("sectors", _("Sectors side by side"), 0),
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
    )


def _story(data: NationalOverview, title: str) -> list:
    lang, current = data.header.language, data.current
    story = cover(data.header, title) + contents(_entries(data))
    story += [Heading(_("Executive summary"), H1, key="summary")] + parts.key_figures(current, data.previous, lang)
    story += [PageBreak(), Heading(_("Sectors side by side"), H1, key="sectors")]
    rows = [
        [
            s.name,
            str(s.agencies),
            str(s.compliance.due),
            pct(s.compliance.rate),
            str(s.overdue_items),
            str(s.incidents),
            pct(s.clocks_on_time_rate),
        ]
        for s in data.sectors
    ]
    header = [
        _("Sector"),
        _("Agencies"),
        _("Items due"),
        _("Met (%)"),
        _("Overdue"),
        _("Incidents"),
        _("Clocks on time"),
    ]
    story.append(simple_table(header, rows, [52 * mm, 18 * mm, 20 * mm, 20 * mm, 20 * mm, 20 * mm, 24 * mm]))
    story.append(
        charts.bar_chart(
            title=_("Compliance rate by sector (%)"),
            categories=[s.name for s in data.sectors],
            series=[(year_label(current.year, lang), [float(s.compliance.rate or 0) for s in data.sectors])],
            width=parts.WIDTH,
            height=200,
        )
    )
    story.append(para(_("An agency in several sectors is counted in each of them."), SMALL))
    story += [PageBreak()] + parts.agencies_section(current, lang)
    story += [PageBreak()] + parts.compliance_section(current, data.previous, lang, top=10)
    story += [PageBreak()] + parts.incidents_section(current, lang) + parts.drills_section(current, lang)
    story += [Heading(_("Audits and other sections"), H1, key="other")]
    for section in data.sections:
        story += section_flowables(section, width=parts.WIDTH)
    return story
