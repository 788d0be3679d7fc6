"""Registry export (the list page's filters applied) to XLSX and CSV.

``agencies`` is the queryset of ``selectors.agency_list`` (current level annotated, parent/regulator joined,
sectors prefetched), so the export runs a constant number of queries. Every text cell passes through
``common.spreadsheets.neutralise_cell`` (XML-illegal characters removed, then formula injection: "=cmd|…" and
"\x01=cmd|…" are written as "'=cmd|…").
"""

import csv
import io
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from common.spreadsheets import neutralise_cell
from infrastructure.models import Agency

FORMATS = ("xlsx", "csv")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ITERATOR_CHUNK = 2000
SHEET_TITLE = _("Agencies")
YES, NO = _("Yes"), _("No")
SECTOR_SEPARATOR = "、"
DATE_FORMAT = "yyyy-mm-dd"


def _name(agency: Agency | None) -> str:
    return agency.name if agency is not None else ""


def _identifier(agency: Agency | None) -> str:
    """The OID, else the organisation code: what the import reads to find the agency again."""
    return (agency.oid or agency.org_code or "") if agency is not None else ""


COLUMNS = (
    (_("Name"), lambda a: a.name),
    (_("English name"), lambda a: a.name_en),
    (_("OID"), lambda a: a.oid or ""),
    (_("Organisation code"), lambda a: a.org_code or ""),
    (_("Kind"), lambda a: str(a.get_kind_display())),
    (_("SNGA category"), lambda a: str(a.get_sngo_category_display()) if a.sngo_category else ""),
    (_("Superior agency"), lambda a: _name(a.parent)),
    (_("Sector regulator"), lambda a: _name(a.regulator)),
    (_("Sectors"), lambda a: SECTOR_SEPARATOR.join(sector.name_zh for sector in a.sectors.all())),
    (_("Responsibility level"), lambda a: getattr(a, "current_level", None) or ""),
    (_("Re-approval due"), lambda a: getattr(a, "reapproval_due", None)),
    (_("Address"), lambda a: a.address),
    (_("Phone"), lambda a: a.phone),
    (_("Active"), lambda a: str(YES if a.is_active else NO)),
    (_("Dissolved on"), lambda a: a.dissolved_on),
    # Read by the import (what csma exports, it imports): the superior agency and regulator by identifier.
    (_("Superior agency (OID or code)"), lambda a: _identifier(a.parent)),
    (_("Sector regulator (OID or code)"), lambda a: _identifier(a.regulator)),
)


def agency_export(*, agencies: QuerySet[Agency], file_format: str) -> tuple[bytes, str]:
    """The agencies as a spreadsheet: (content, content type)."""
    if file_format not in FORMATS:
        raise ValueError(f"unknown export format {file_format!r}; use one of {FORMATS}")
    header = [str(title) for title, _value in COLUMNS]
    rows = (agency_row(agency) for agency in agencies.iterator(chunk_size=ITERATOR_CHUNK))
    render = render_csv if file_format == "csv" else render_xlsx
    return render(header, rows), CONTENT_TYPES[file_format]


def agency_row(agency: Agency) -> list:
    """One agency's cells: text neutralised, dates kept as dates (None when empty)."""
    return [neutralise_cell(value) for value in (column(agency) for _title, column in COLUMNS)]


def render_csv(header: list[str], rows) -> bytes:
    """UTF-8 with BOM, so that Excel opens Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([value.isoformat() if isinstance(value, date) else value for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def render_xlsx(header: list[str], rows) -> bytes:
    """openpyxl in write-only mode (streams rows); dates as real date cells."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(SHEET_TITLE))
    sheet.freeze_panes = "A2"
    sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value):
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return value  # text was made safe by ``neutralise_cell`` in ``agency_row``
