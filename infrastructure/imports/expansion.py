"""How far a spreadsheet expands, measured before any reader opens it (pure; issue 9, decompression bombs).

An XLSX or ODS file is a ZIP archive of XML. A few MB can declare gigabytes of XML, or one cell at row 1,048,576
/ column XFD that makes a reader allocate the whole dense range. So, before pandas sees the file:

1. the declared uncompressed size of every member is summed and bounded (``MAX_UNCOMPRESSED_BYTES``);
2. each sheet's XML is streamed (zipfile stops at the declared size and checks the CRC, so a member cannot
   expand beyond what it declares) and the position of the last row and column that hold something is tracked:
   XLSX ``<row r=…>`` / ``<c r=…>`` references, ODS ``number-rows-repeated`` / ``number-columns-repeated``
   counts (empty repeated rows and cells — LibreOffice writes a million of them — do not count).
"""

import io
import re
import zipfile
from dataclasses import dataclass

from infrastructure.imports.columns import (
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    TOO_LARGE_UNCOMPRESSED,
    TOO_MANY_COLUMNS,
    TOO_MANY_ROWS,
    ImportFileError,
)

CHUNK = 1024 * 1024
TAIL = 4096  # bytes kept between chunks so a tag cut in two is read whole
XLSX_TAG = re.compile(rb"<(row|c)\b([^>]*)>")
XLSX_REF = re.compile(rb'\br="([A-Z]{0,3})(\d*)"')
ODS_TAG = re.compile(rb"<(table:table-row|table:table-cell|table:covered-table-cell|/table:table-row)\b([^>]*)>")
ODS_REPEAT = re.compile(rb'number-(?:rows|columns)-repeated="(\d+)"')


@dataclass(frozen=True)
class ReadLimits:
    rows: int = MAX_ROWS  # data rows, the header excluded
    columns: int = MAX_COLUMNS
    uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES


def check_expansion(content: bytes, kind: str, limits: ReadLimits = ReadLimits()) -> None:
    """Raise ImportFileError when the workbook would expand beyond ``limits``; return quietly otherwise."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        members = archive.infolist()
        if sum(member.file_size for member in members) > limits.uncompressed_bytes:
            raise _too_large(limits)
        sheets = [m for m in members if _is_sheet(m.filename, kind)]
        for member in sheets:
            with archive.open(member) as stream:
                rows, columns = (_xlsx_extent if kind == "xlsx" else _ods_extent)(stream)
            if rows > limits.rows + 1:
                raise ImportFileError(str(TOO_MANY_ROWS).format(limit=limits.rows))
            if columns > limits.columns:
                raise ImportFileError(str(TOO_MANY_COLUMNS).format(limit=limits.columns))


def _too_large(limits: ReadLimits) -> ImportFileError:
    return ImportFileError(str(TOO_LARGE_UNCOMPRESSED).format(limit=limits.uncompressed_bytes // (1024 * 1024)))


def _is_sheet(name: str, kind: str) -> bool:
    if kind == "xlsx":
        return name.startswith("xl/worksheets/") and name.endswith(".xml")
    return name == "content.xml"


def _tags(stream, pattern: re.Pattern):
    """Every match of ``pattern`` in a member streamed in chunks (a tag split across chunks is read whole)."""
    carry = b""
    while chunk := stream.read(CHUNK):
        data = carry + chunk
        cut = data.rfind(b"<", max(0, len(data) - TAIL))
        cut = cut if cut > 0 else len(data)
        yield from pattern.finditer(data, 0, cut)
        carry = data[cut:]
    yield from pattern.finditer(carry)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _xlsx_extent(stream) -> tuple[int, int]:
    """(last row, last column) that a cell is declared at."""
    row = last_row = last_column = column = 0
    for match in _tags(stream, XLSX_TAG):
        ref = XLSX_REF.search(match[2])
        if match[1] == b"row":
            row = int(ref[2]) if ref and ref[2] else row + 1
            column = 0
            continue
        column = _column_number(ref[1]) if ref and ref[1] else column + 1
        if ref and ref[2]:
            row = max(row, int(ref[2]))
        last_row, last_column = max(last_row, row), max(last_column, column)
    return last_row, last_column


def _ods_extent(stream) -> tuple[int, int]:
    """(last row, last column) holding a non-empty cell, repeated rows and cells counted."""
    row = last_row = last_column = 0
    row_repeat, column, row_has_content = 1, 0, False
    for match in _tags(stream, ODS_TAG):
        tag, attributes = match[1], match[2]
        repeat_match = ODS_REPEAT.search(attributes)
        repeat = int(repeat_match[1]) if repeat_match else 1
        if tag == b"table:table-row":
            row_repeat, column, row_has_content = repeat, 0, False
        elif tag == b"/table:table-row":
            row += row_repeat
            if row_has_content:
                last_row = max(last_row, row)
        else:
            column += repeat
            if not attributes.rstrip().endswith(b"/"):  # a cell with content (not self-closing)
                row_has_content, last_column = True, max(last_column, column)
    return last_row, last_column
