"""The key figures and observations as an editable OpenDocument text (ODF, CNS 15251) with odfpy.

Pure: frozen figures in, bytes out. Text is neutralised like the spreadsheets (a pasted cell never runs).
"""

import io

from django.utils.translation import gettext as _
from odf.opendocument import OpenDocumentText
from odf.style import ParagraphProperties, Style, TableColumnProperties, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, P

from common.spreadsheets import neutralise_cell
from reports import presentation
from reports.figures.types import KeyFigures
from reports.pdf.styles import minutes_text


def _styles(document: OpenDocumentText) -> dict[str, Style]:
    heading = Style(name="CsmaHeading", family="paragraph")
    heading.addElement(TextProperties(fontsize="16pt", fontweight="bold"))
    heading.addElement(ParagraphProperties(margintop="0.3cm", marginbottom="0.2cm"))
    cell = Style(name="CsmaCell", family="paragraph")
    cell.addElement(TextProperties(fontsize="10pt"))
    column = Style(name="CsmaColumn", family="table-column")
    column.addElement(TableColumnProperties(columnwidth="4cm"))
    for style in (heading, cell):
        document.styles.addElement(style)
    document.automaticstyles.addElement(column)
    return {"heading": heading, "cell": cell, "column": column}


def _table(name: str, header: list[str], rows: list[list], styles: dict) -> Table:
    table = Table(name=name)
    table.addElement(TableColumn(numbercolumnsrepeated=len(header), stylename=styles["column"]))
    for values in [header, *rows]:
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(stylename=styles["cell"], text=str(neutralise_cell("" if value is None else value))))
            row.addElement(cell)
        table.addElement(row)
    return table


def observations(data: KeyFigures) -> list[str]:
    """Factual observations drawn from the figures (the regulator edits and adds its own)."""
    notes = []
    total = data.compliance_total
    if total.rate is not None:
        notes.append(
            _("Compliance: %(rate)s%% of %(counted)s items counted are accepted or exempt; %(overdue)s overdue.")
            % {"rate": total.rate, "counted": total.counted, "overdue": data.overdue_count}
        )
    if data.least_met:
        worst = data.least_met[0]
        notes.append(
            _("The item least met is %(item)s (%(count)s not met).") % {"item": worst.label, "count": worst.not_met}
        )
    missed = [c for c in data.clocks if c.missed]
    for clock in missed:
        notes.append(
            _("%(clock)s: %(missed)s of %(total)s clocks missed.")
            % {"clock": presentation.CLOCK_LABELS[clock.kind], "missed": clock.missed, "total": clock.total}
        )
    if data.reapprovals_overdue:
        notes.append(_("%(count)s level re-approvals are overdue.") % {"count": data.reapprovals_overdue})
    return notes


def _sections(data: KeyFigures) -> list[tuple[str, str, list[str], list[list]]]:
    """(heading, table name, header, rows) of each table in the document."""
    rate = presentation.rate_label
    summary = [
        [_("Agencies"), data.agencies.total],
        [_("Compliance rate"), rate(data.compliance_total.rate)],
        [_("Items overdue"), data.overdue_count],
        [_("Incidents"), data.incidents.total],
        [_("Level re-approvals overdue"), data.reapprovals_overdue],
    ]
    levels = [
        [presentation.level_label(f.key), f.counted, f.compliant, f.overdue, rate(f.rate)]
        for f in data.compliance_by_level
    ]
    least = [[f.label, f.not_met, rate(f.rate)] for f in data.least_met]
    return [
        (_("Key figures"), "KeyFigures", [_("Figure"), _("Value")], summary),
        (
            _("Compliance by level"),
            "ByLevel",
            [_("Level"), _("Items counted"), _("Accepted or exempt"), _("Overdue"), _("Compliance rate")],
            levels,
        ),
        (
            _("Incident clocks"),
            "Clocks",
            [
                _("Clock"),
                _("Total"),
                _("On time"),
                _("Missed"),
                _("On-time rate"),
                _("Median time"),
                _("90th percentile"),
            ],
            _clock_rows(data),
        ),
        (_("Items least met"), "LeastMet", [_("Item"), _("Not met"), _("Compliance rate")], least),
    ]


def _clock_rows(data: KeyFigures) -> list[list]:
    """One row per incident clock: counts, on-time rate and the median and 90th-percentile times."""
    rate = presentation.rate_label
    return [
        [
            presentation.CLOCK_LABELS[c.kind],
            c.total,
            c.met_on_time,
            c.missed,
            rate(c.on_time_rate),
            minutes_text(c.median_minutes),
            minutes_text(c.p90_minutes),
        ]
        for c in data.clocks
    ]


def render_key_figures_odt(data: KeyFigures, *, title: str, scope_label: str, written: tuple[str, ...] = ()) -> bytes:
    """Title, scope, the key tables, then observations (drawn from the figures, then the regulator's own)."""
    document = OpenDocumentText()
    styles = _styles(document)
    body = document.text
    body.addElement(H(outlinelevel=1, stylename=styles["heading"], text=title))
    if scope_label:
        body.addElement(P(text=neutralise_cell(scope_label)))
    for heading, name, header, rows in _sections(data):
        body.addElement(H(outlinelevel=2, text=heading))
        body.addElement(_table(name, header, rows, styles))
    body.addElement(H(outlinelevel=2, text=_("Observations and recommendations")))
    for note in (*observations(data), *written):
        body.addElement(P(text=neutralise_cell(note)))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()
