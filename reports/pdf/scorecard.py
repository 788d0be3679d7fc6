"""The per-agency compliance scorecard: ``render_scorecard_pdf(data) -> bytes``."""

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from reports.data import Scorecard
from reports.pdf import charts, parts
from reports.pdf.layout import Heading
from reports.pdf.sector import overdue_table
from reports.pdf.styles import (
    H1,
    build_pdf,
    cover,
    delta_points,
    no_data,
    pct,
    section_flowables,
    simple_table,
    year_label,
)


def render_scorecard_pdf(data: Scorecard) -> bytes:
    with translation.override(data.header.language):
        title = _("%(year)s compliance scorecard: %(agency)s") % {
            "year": year_label(data.header.year, data.header.language),
            "agency": data.agency,
        }
        return build_pdf(data.header, title=title, story=_story(data, title))


def trend(current, previous) -> str:
    if current is None or previous is None:
        return "—"
    if current > previous:
        return _("better")
    return _("worse") if current < previous else _("same")


def _story(data: Scorecard, title: str) -> list:
    lang, c = data.header.language, data.current
    story = cover(data.header, title)
    story += [Heading(_("Compliance"), H1, key="compliance")]
    facts = [
        [_("Level"), data.level or "—"],
        [_("Sector"), data.sector],
        [_("Items due"), str(c.due)],
        [_("Met on time"), str(c.on_time)],
        [_("Met late"), str(c.late)],
        [_("Exempt"), str(c.exempt)],
        [_("Not met"), str(c.unmet)],
        [_("Rate"), pct(c.rate)],
        [_("Incidents L1/L2/L3/L4"), "/".join(map(str, data.incidents_by_level))],
        [_("Clocks missed"), str(data.clocks_missed)],
    ]
    story.append(simple_table([_("Figure"), year_label(data.header.year, lang)], facts, [80 * mm, 60 * mm]))
    story += [Spacer(1, 4 * mm)] + _history(data, lang)
    story += [Heading(_("Weakest items"), H1, key="weakest")]
    if data.weakest:
        story.append(
            simple_table(
                parts.compliance_header(_("Item")), parts.compliance_rows(data.weakest), parts.COMPLIANCE_WIDTHS
            )
        )
    else:
        story.append(no_data())
    story += [Heading(_("Overdue items"), H1, key="overdue")] + overdue_table(data.overdue, lang)
    for section in data.sections:
        story += section_flowables(section, width=parts.WIDTH)
    return story


def _history(data: Scorecard, lang: str) -> list:
    story = [Heading(_("Evolution beside the sector and the level"), H1, key="history")]
    rows, previous = [], None
    for point in data.history:
        rows.append(
            [
                year_label(point.year, lang),
                pct(point.agency_rate),
                pct(point.sector_rate),
                pct(point.level_rate),
                trend(point.agency_rate, previous),
                delta_points(point.agency_rate, previous),
            ]
        )
        previous = point.agency_rate
    story.append(
        simple_table(
            [
                _("Year"),
                _("This agency"),
                _("Sector average"),
                _("Level average"),
                _("Against the year before"),
                _("Change (vs. previous year)"),
            ],
            rows,
            [24 * mm, 28 * mm, 30 * mm, 30 * mm, 34 * mm, 28 * mm],
        )
    )
    years = [year_label(p.year, lang) for p in data.history]
    series = [
        (_("This agency"), [float(p.agency_rate or 0) for p in data.history]),
        (_("Sector average"), [float(p.sector_rate or 0) for p in data.history]),
        (_("Level average"), [float(p.level_rate or 0) for p in data.history]),
    ]
    story.append(charts.bar_chart(title=_("Compliance rate (%)"), categories=years, series=series, width=parts.WIDTH))
    return story
