"""DataFrames → XLSX / ODS / CSV bytes with pandas. Every cell passes through the project's one export
neutralisation (``common.spreadsheets.neutralise_cell``: "=cmd|…" is written as text, never run), and every
date through ``local_cell`` (ROC on Chinese exports, ISO on English ones)."""

import io

import pandas as pd
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from common.spreadsheets import local_cell, neutralise_cell

FORMATS = ("xlsx", "ods", "csv")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv; charset=utf-8",
    "odt": "application/vnd.oasis.opendocument.text",
}
ENGINES = {"xlsx": "openpyxl", "ods": "odf"}
SHEET_NAME_MAX = 31  # Excel's limit


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.astype(object).where(frame.notna(), None).map(lambda value: neutralise_cell(local_cell(value)))
    safe.columns = [neutralise_cell(str(column)) for column in frame.columns]
    return safe


def _clean_text(value):
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def write_workbook(sheets: dict[str, pd.DataFrame], *, file_format: str) -> bytes:
    """One sheet per frame (XLSX or ODS), header row frozen in XLSX."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine=ENGINES[file_format]) as writer:
        for name, frame in sheets.items():
            safe = neutralised(frame).map(_clean_text)
            safe.to_excel(writer, sheet_name=name[:SHEET_NAME_MAX], index=False)
            if file_format == "xlsx":
                writer.sheets[name[:SHEET_NAME_MAX]].freeze_panes = "A2"
    return buffer.getvalue()


def write_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (Excel opens Chinese text correctly), CRLF line ends."""
    return neutralised(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def write(sheets: dict[str, pd.DataFrame], *, file_format: str) -> bytes:
    """A workbook for XLSX/ODS; for CSV the sheets stacked in one long table (a "section" column first)."""
    if file_format not in FORMATS:
        raise ValueError(f"unknown export format {file_format!r}; use one of {FORMATS}")
    if file_format == "csv":
        if len(sheets) == 1:
            return write_csv(next(iter(sheets.values())))
        return write_csv(long_table(sheets))
    return write_workbook(sheets, file_format=file_format)


def long_table(sheets: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Several tables as one: section, row label, measure, value (tidy long format)."""
    records = []
    for section, frame in sheets.items():
        label_column = frame.columns[0]
        for _index, row in frame.iterrows():
            for column in frame.columns[1:]:
                records.append((section, row[label_column], column, row[column]))
    return pd.DataFrame.from_records(records, columns=[_("Section"), _("Row"), _("Measure"), _("Value")])
