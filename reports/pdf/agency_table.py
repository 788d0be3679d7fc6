"""The per-agency table of the sector summary: thousands of rows, pre-measured.

Each row's height is known before layout (one line, or the wrapped height of a long or rare-character
name), so the rows are cut into one Table per page, each with the header row. No table is ever split by
ReportLab, which would copy the remaining rows at every page break (quadratic in the row count); if a
measurement were ever short, ReportLab still splits that one page's table, repeating its header.
"""

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table

from reports.data import AgencyRow
from reports.pdf import fonts
from reports.pdf.styles import CELL, GREY_STRIPE, grid_style, pct

ROW_HEIGHT = 12.0
HEADER_HEIGHT = 24.0
WIDTHS_MM = (58, 10, 14, 16, 12, 23, 14, 19, 13)


def headers() -> list[str]:
    return [
        _("Agency"),
        _("Level"),
        _("Items due"),
        _("Met (%)"),
        _("Overdue"),
        _("Incidents L1/L2/L3/L4"),
        _("Clocks missed"),
        _("Last audit"),
        _("Open findings"),
    ]


def _row(row: AgencyRow, date_text) -> tuple[list, float]:
    width = WIDTHS_MM[0] * mm
    name = row.name
    if fonts.needs_fallback(name) or fonts.pdfmetrics.stringWidth(name, fonts.SANS, 7.5) > width - 4:
        first = Paragraph(fonts.markup(name), CELL)
        height = max(ROW_HEIGHT, first.wrap(width - 4, 1000)[1] + 4)
    else:
        first, height = name, ROW_HEIGHT
    cells = [
        first,
        row.level or "—",
        str(row.due),
        pct(row.rate),
        str(row.overdue),
        "/".join(str(n) for n in row.incidents_by_level),
        str(row.clocks_missed),
        date_text(row.last_audit) if row.last_audit else "—",
        "—" if row.open_findings is None else str(row.open_findings),
    ]
    return cells, height


def agency_tables(rows: tuple[AgencyRow, ...], *, first_height: float, page_height: float, date_text) -> list[Table]:
    """One Table per page: ``first_height`` is what is left on the page the table starts on."""
    header = [fonts_cell(h) for h in headers()]
    tables, chunk, heights, available = [], [], [], first_height - HEADER_HEIGHT - 2
    used = 0.0
    for row in rows:
        cells, height = _row(row, date_text)
        if chunk and used + height > available:
            tables.append(_table(header, chunk, heights))
            chunk, heights, used, available = [], [], 0.0, page_height - HEADER_HEIGHT - 2
        chunk.append(cells)
        heights.append(height)
        used += height
    if chunk:
        tables.append(_table(header, chunk, heights))
    return tables


def fonts_cell(text: str) -> Paragraph:
    return Paragraph(fonts.markup(text), CELL)


def _table(header: list, rows: list[list], heights: list[float]) -> Table:
    table = Table(
        [header, *rows], colWidths=[w * mm for w in WIDTHS_MM], rowHeights=[HEADER_HEIGHT, *heights], repeatRows=1
    )
    style = grid_style(font_size=7.5)
    for index in range(2, len(rows) + 1, 2):
        style.add("BACKGROUND", (0, index), (-1, index), GREY_STRIPE)
    table.setStyle(style)
    return table
