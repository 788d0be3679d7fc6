"""Sections shared by the sector summary, the subtree report and the national overview."""

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from reports.data import Compliance, YearFigures
from reports.pdf import charts
from reports.pdf.layout import Heading
from reports.pdf.styles import (
    BODY,
    H1,
    H2,
    SMALL,
    delta_count,
    delta_points,
    keep,
    minutes_text,
    no_data,
    para,
    pct,
    simple_table,
    year_label,
)

WIDTH = 174 * mm


def key_figures(current: YearFigures, previous: YearFigures | None, lang: str) -> list:
    prev = previous
    rows = [
        (_("Agencies"), current.agencies, prev and prev.agencies, False),
        (_("Compliance rate (items due)"), current.compliance.rate, prev and prev.compliance.rate, True),
        (_("Items due"), current.compliance.due, prev and prev.compliance.due, False),
        (_("Items met late"), current.compliance.late, prev and prev.compliance.late, False),
        (_("Items overdue"), current.overdue_items, prev and prev.overdue_items, False),
        (_("Level re-approvals overdue"), current.reapprovals_overdue, prev and prev.reapprovals_overdue, False),
        (_("Incidents"), current.incidents, prev and prev.incidents, False),
        (
            _("Major incidents (level 3-4)"),
            sum(current.incidents_by_level[2:]),
            prev and sum(prev.incidents_by_level[2:]),
            False,
        ),
    ]
    table_rows = []
    for label, now, before, is_rate in rows:
        if is_rate:
            table_rows.append(
                [label, pct(now), pct(before) if prev else "—", delta_points(now, before if prev else None)]
            )
        else:
            table_rows.append(
                [label, str(now), str(before) if prev else "—", delta_count(now, before if prev else None)]
            )
    header = [
        _("Figure"),
        year_label(current.year, lang),
        year_label(current.year - 1, lang),
        _("Change (vs. previous year)"),
    ]
    return [simple_table(header, table_rows, [74 * mm, 33 * mm, 33 * mm, 34 * mm])]


def compliance_rows(items: tuple[Compliance, ...]) -> list[list[str]]:
    return [[c.label, str(c.due), str(c.on_time), str(c.late), str(c.exempt), str(c.unmet), pct(c.rate)] for c in items]


def compliance_header(first: str) -> list[str]:
    return [first, _("Items due"), _("On time"), _("Late"), _("Exempt"), _("Not met"), _("Rate")]


COMPLIANCE_WIDTHS = [54 * mm, 18 * mm, 20 * mm, 18 * mm, 20 * mm, 20 * mm, 24 * mm]


def agencies_section(current: YearFigures, lang: str) -> list:
    story = [Heading(_("Agencies by level and kind"), H1, key="agencies")]
    rows = [[c.label, str(c.value)] for c in current.agencies_by_level]
    kinds = [[c.label, str(c.value)] for c in current.agencies_by_kind]
    story.append(simple_table([_("Level"), _("Agencies")], rows, [60 * mm, 30 * mm]))
    story.append(Spacer(1, 3 * mm))
    story.append(simple_table([_("Kind"), _("Agencies")], kinds, [60 * mm, 30 * mm]))
    pie = charts.pie_chart(
        title=_("Agencies by level"), items=[(c.label, c.value) for c in current.agencies_by_level], width=WIDTH
    )
    story.append(pie)
    return story


def compliance_section(current: YearFigures, previous: YearFigures | None, lang: str, *, top: int) -> list:
    story = [Heading(_("Obligation compliance"), H1, key="compliance")]
    story.append(
        para(
            _("Counted: items due on or before %(date)s. Met = accepted (on time or late) or exempt.")
            % {"date": _date(current, lang)},
            SMALL,
        )
    )
    story.append(Heading(_("By level"), H2, key="compliance-level", level=1))
    total = current.compliance
    rows = compliance_rows(current.compliance_by_level) + [[_("Total"), *compliance_rows((total,))[0][1:]]]
    story.append(simple_table(compliance_header(_("Level")), rows, COMPLIANCE_WIDTHS))
    series = [(year_label(current.year, lang), [float(c.rate or 0) for c in current.compliance_by_level])]
    if previous is not None:
        by_key = {c.key: c for c in previous.compliance_by_level}
        series.append(
            (
                year_label(previous.year, lang),
                [float(by_key[c.key].rate or 0) if c.key in by_key else 0 for c in current.compliance_by_level],
            )
        )
    story.append(
        charts.bar_chart(
            title=_("Compliance rate by level (%)"),
            categories=[c.label for c in current.compliance_by_level],
            series=series,
            width=WIDTH,
            suffix="",
        )
    )
    return story + least_met(current, top=top) + bands_part(current) + by_item(current)


def least_met(current: YearFigures, *, top: int) -> list:
    story = [Heading(_("Items least met"), H2, key="least-met", level=1)]
    ranked = sorted((c for c in current.compliance_by_item if c.unmet), key=lambda c: (-c.unmet, c.rate or 0, c.key))[
        :top
    ]
    if ranked:
        rows = [[str(i), c.label, str(c.due), str(c.unmet), pct(c.rate)] for i, c in enumerate(ranked, 1)]
        story.append(
            simple_table(
                ["#", _("Item"), _("Items due"), _("Not met"), _("Rate")],
                rows,
                [10 * mm, 100 * mm, 20 * mm, 20 * mm, 24 * mm],
                numeric_from=2,
            )
        )
    else:
        story.append(no_data())
    return story


def bands_part(current: YearFigures) -> list:
    story = [Heading(_("Agencies by compliance band"), H2, key="bands", level=1)]
    story.append(
        simple_table([_("Band"), _("Agencies")], [[b.label, str(b.value)] for b in current.bands], [60 * mm, 30 * mm])
    )
    story.append(
        charts.bar_chart(
            title=_("Agencies by compliance band"),
            categories=[b.label for b in current.bands],
            series=[(_("Agencies"), [b.value for b in current.bands])],
            width=WIDTH,
            value_max=None,
        )
    )
    return story


def by_item(current: YearFigures) -> list:
    return [
        Heading(_("By item"), H2, key="compliance-item", level=1),
        simple_table(compliance_header(_("Item")), compliance_rows(current.compliance_by_item), COMPLIANCE_WIDTHS)
        if current.compliance_by_item
        else no_data(),
    ]


def _date(current: YearFigures, lang: str) -> str:
    from reports.pdf.styles import date_text

    return date_text(current.cutoff, lang)


def incidents_section(current: YearFigures, lang: str) -> list:
    story = [Heading(_("Incidents and legal clocks"), H1, key="incidents")]
    levels = [_("Level %(n)d") % {"n": n} for n in (1, 2, 3, 4)]
    story.append(
        simple_table(
            [_("Level"), _("Incidents")],
            [[label, str(n)] for label, n in zip(levels, current.incidents_by_level, strict=True)]
            + [[_("Total"), str(current.incidents)]],
            [60 * mm, 30 * mm],
        )
    )
    months = [str(m.month) for m in current.incidents_by_month]
    series = [(levels[i], [m.by_level[i] for m in current.incidents_by_month]) for i in range(4)]
    story.append(
        charts.line_chart(title=_("Incidents by month and level"), categories=months, series=series, width=WIDTH)
    )
    story.append(Heading(_("On-time rate of each clock"), H2, key="clocks", level=1))
    if any(c.total for c in current.clocks):
        rows = [
            [
                c.label,
                str(c.total),
                str(c.on_time),
                pct(c.rate),
                minutes_text(c.median_minutes),
                minutes_text(c.p90_minutes),
            ]
            for c in current.clocks
        ]
        story.append(
            simple_table(
                [_("Clock"), _("Fell due"), _("On time"), _("Rate"), _("Median time"), _("90th percentile")],
                rows,
                [54 * mm, 20 * mm, 20 * mm, 22 * mm, 29 * mm, 29 * mm],
            )
        )
    else:
        story.append(no_data())
    return story


def drills_section(current: YearFigures, lang: str) -> list:
    story = [Heading(_("Drills"), H1, key="drills")]
    if current.drills:
        rows = [
            [d.label, str(d.assigned), str(d.conducted), str(d.results_on_time), str(d.results_late)]
            for d in current.drills
        ]
        story.append(
            simple_table(
                [_("Drill"), _("Assigned"), _("Conducted"), _("Results on time"), _("Results late")],
                rows,
                [64 * mm, 26 * mm, 26 * mm, 29 * mm, 29 * mm],
            )
        )
    else:
        story.append(no_data())
    return story


def observations_section(observations, lang: str) -> list:
    story = [Heading(_("Observations and recommendations of the issuing authority"), H1, key="observations")]
    story.append(Heading(_("Observations"), H2, key="observations-text", level=1))
    story.append(para(observations.observations) if observations.observations else para(_("None."), BODY))
    story.append(Heading(_("Recommendations"), H2, key="recommendations", level=1))
    story.append(para(observations.recommendations) if observations.recommendations else para(_("None."), BODY))
    if observations.agency_notes:
        story.append(Heading(_("Notes on individual agencies"), H2, key="agency-notes", level=1))
        for note in observations.agency_notes:
            story.append(keep(para(note.agency, H2), para(note.text)))
    return story
