"""The floor: a bare ReportLab document with the same agency rows (plain strings, one LongTable with a
repeated header, the same embedded font), no charts, no table of contents, no page furniture."""

from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle

from reports.pdf import fonts
from reports.pdf.agency_table import WIDTHS_MM


def floor_rows(rows) -> list[list[str]]:
    return [
        [
            r.name,
            r.level or "—",
            str(r.due),
            f"{r.rate} %" if r.rate is not None else "—",
            str(r.overdue),
            "/".join(map(str, r.incidents_by_level)),
            str(r.clocks_missed),
            "—",
            "—",
        ]
        for r in rows
    ]


def render_floor_pdf(header: list[str], rows: list[list[str]]) -> bytes:
    fonts.register_fonts()
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, invariant=1)
    table = LongTable([header, *rows], colWidths=[w * mm for w in WIDTHS_MM], repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), fonts.SANS, 7.5), ("GRID", (0, 0), (-1, -1), 0.3, "grey")]))
    doc.build([table])
    return buffer.getvalue()
