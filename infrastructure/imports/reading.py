"""Reading a roster file into a DataFrame: CSV in any of the encodings Taiwan uses, XLSX, ODS (pure)."""

import csv
import io
import zipfile
from pathlib import PurePath

import charset_normalizer
import pandas as pd

from common.spreadsheets import restore_cell
from infrastructure.imports.columns import (
    BAD_CSV,
    BIG5_FAMILY,
    BOMS,
    BROKEN_SPREADSHEET,
    CSV_DELIMITERS,
    EMPTY_FILE,
    EXCEL_TEXT_WRAPPER,
    EXTRA_FIELDS,
    LEGACY_EXCEL,
    NOT_TEXT,
    ODS_MIMETYPE,
    OLE2_MAGIC,
    TOO_MANY_COLUMNS,
    TOO_MANY_ROWS,
    UNKNOWN_ENCODING,
    ZIP_MAGIC,
    ImportFileError,
    RowError,
)
from infrastructure.imports.expansion import ReadLimits, check_expansion

ROW_ERRORS = "row_errors"  # DataFrame.attrs key: errors found while reading (rows with extra values)


def read_agency_frame(*, content: bytes, filename: str, limits: ReadLimits = ReadLimits()) -> pd.DataFrame:
    """CSV, XLSX or ODS → a DataFrame of clean strings; fully blank rows dropped, index = data row - 2.

    Bounded before anything is parsed (``limits``: rows, columns, uncompressed size). Row-level problems met
    while reading (a CSV row with more values than the header) are in ``frame.attrs[ROW_ERRORS]``, for the
    validation to report with every other error."""
    if not content.strip():
        raise ImportFileError(str(EMPTY_FILE))
    kind = _sniff_kind(content, filename)
    row_errors: list[RowError] = []
    frame = _read_csv(content, limits, row_errors) if kind == "csv" else _read_workbook(content, kind, limits)
    frame = _clean_frame(frame)
    frame.attrs[ROW_ERRORS] = row_errors
    return frame


def _sniff_kind(content: bytes, filename: str) -> str:
    """By content first (a renamed file is still read right), the file name only to word an error."""
    extension = PurePath(filename).suffix.lower().lstrip(".")
    if content.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIMETYPE:
                    return "ods"
        except (zipfile.BadZipFile, OSError, KeyError):
            pass
        raise _broken(extension)
    if content.startswith(OLE2_MAGIC):
        raise ImportFileError(str(LEGACY_EXCEL))
    if extension in ("xlsx", "xlsm", "ods", "xls"):
        raise _broken(extension)
    return "csv"


def _broken(extension: str) -> ImportFileError:
    extension = extension if extension in ("xlsx", "xlsm", "ods") else "xlsx"
    return ImportFileError(str(BROKEN_SPREADSHEET).format(kind=extension.upper(), ext=extension))


def excel_engine() -> str | None:
    """python-calamine when installed (about 15x faster than openpyxl/odfpy); else pandas' default."""
    from importlib.util import find_spec

    return "calamine" if find_spec("python_calamine") else None


def _read_workbook(content: bytes, kind: str, limits: ReadLimits) -> pd.DataFrame:
    try:
        check_expansion(content, kind, limits)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _broken(kind) from exc
    engine = excel_engine() or ("odf" if kind == "ods" else "openpyxl")
    try:
        return pd.read_excel(io.BytesIO(content), sheet_name=0, dtype=str, engine=engine)
    except Exception as exc:  # noqa: BLE001 - each engine raises its own errors for a damaged file
        raise _broken(kind) from exc


def decode_text(content: bytes) -> str:
    """Detect, don't ask: BOM, then UTF-16 without BOM, strict UTF-8, then charset-normalizer (Big5 → CP950)."""
    for bom, encoding in BOMS:
        if content.startswith(bom):
            return _decode_strict(content[len(bom) :], (encoding,))
    utf16 = _utf16_without_bom(content)
    if utf16:
        return _decode_strict(content, (utf16,))
    if b"\x00" in content:
        raise ImportFileError(str(NOT_TEXT))
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(content).best()
    if best is None:
        raise ImportFileError(str(UNKNOWN_ENCODING))
    if best.encoding.replace("_", "").startswith("big5") or best.encoding == "cp950":
        return _decode_strict(content, BIG5_FAMILY + (best.encoding,))
    return str(best)


def _decode_strict(content: bytes, encodings: tuple[str, ...]) -> str:
    for encoding in encodings:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(str(UNKNOWN_ENCODING))


def _utf16_without_bom(content: bytes) -> str | None:
    """Text in UTF-16 has a NUL in every other byte for ASCII (digits, commas, line ends)."""
    sample = content[:2000]
    if len(sample) < 4:
        return None
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > half * 0.3 and even_nuls < half * 0.05:
        return "utf-16-le"
    if even_nuls > half * 0.3 and odd_nuls < half * 0.05:
        return "utf-16-be"
    return None


def _read_csv(content: bytes, limits: ReadLimits, row_errors: list[RowError]) -> pd.DataFrame:
    """Python's csv reader (every row seen, however many values it has), then one DataFrame.

    A row with more values than the header: accepted when the extra values are empty (a trailing comma),
    else a row error. A shorter row is padded with empty cells."""
    text = decode_text(content).lstrip("\ufeff")
    if "\x00" in text:
        raise ImportFileError(str(NOT_TEXT))
    if not text.strip():
        raise ImportFileError(str(EMPTY_FILE))
    first_line = text.split("\n", 1)[0]
    delimiter = max(CSV_DELIMITERS, key=first_line.count)
    try:
        records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
        header = next(records)
        width, rows = len(header), []
        for index, record in enumerate(records):
            if len(rows) >= limits.rows:
                raise ImportFileError(str(TOO_MANY_ROWS).format(limit=limits.rows))
            rows.append(_fit(record, width, index, row_errors))
    except csv.Error as exc:
        raise ImportFileError(str(BAD_CSV).format(detail=str(exc).strip())) from exc
    if width > limits.columns:
        raise ImportFileError(str(TOO_MANY_COLUMNS).format(limit=limits.columns))
    return pd.DataFrame(rows, columns=_unique_headers(header), dtype=object)


def _fit(record: list[str], width: int, index: int, row_errors: list[RowError]) -> list[str]:
    if len(record) > width:
        if any(value.strip() for value in record[width:]):
            message = str(EXTRA_FIELDS).format(fields=len(record), columns=width)
            row_errors.append(RowError(index + 2, "", message))
        return record[:width]
    return record + [""] * (width - len(record))


def _unique_headers(header: list[str]) -> list[str]:
    """Duplicate or blank headings made unique as pandas does ("a", "a.1"; "Unnamed: 3")."""
    seen: dict[str, int] = {}
    names = []
    for position, name in enumerate(header):
        name = name if name.strip() else f"Unnamed: {position}"
        count = seen.get(name, 0)
        seen[name] = count + 1
        names.append(name if count == 0 else f"{name}.{count}")
    return names


def clean_cell(value) -> str:
    """Trim spaces (incl. full-width and NBSP), unwrap Excel ="…" text; NaN/None become ""."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    text = str(value).strip().strip("\ufeff").strip()
    match = EXCEL_TEXT_WRAPPER.match(text)
    return restore_cell(match.group(1).strip() if match else text)


def _clean_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """clean_cell on every cell (vectorised: only ="…" cells take the slow path); blank rows dropped."""
    frame = frame.copy()
    frame.columns = [clean_cell(column) for column in frame.columns]
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position].fillna("").astype(str).str.strip()
        wrapped = column.str.startswith('="') | column.str.startswith("'")  # ="…" and csma's own "'=…"
        if wrapped.any():
            column = column.where(~wrapped, column[wrapped].map(clean_cell))
        frame.isetitem(position, column.astype(object))
    return frame[(frame != "").any(axis=1)] if frame.shape[1] else frame
