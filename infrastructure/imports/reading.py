"""Reading a roster file into a DataFrame: CSV in any of the encodings Taiwan uses, XLSX, ODS (pure)."""

import io
import zipfile
from pathlib import PurePath

import charset_normalizer
import pandas as pd

from infrastructure.imports.columns import (
    BAD_CSV,
    BIG5_FAMILY,
    BOMS,
    BROKEN_SPREADSHEET,
    CSV_DELIMITERS,
    EMPTY_FILE,
    EXCEL_TEXT_WRAPPER,
    LEGACY_EXCEL,
    NOT_TEXT,
    ODS_MIMETYPE,
    OLE2_MAGIC,
    UNKNOWN_ENCODING,
    ZIP_MAGIC,
    ImportFileError,
)


def read_agency_frame(*, content: bytes, filename: str) -> pd.DataFrame:
    """CSV, XLSX or ODS → a DataFrame of clean strings; fully blank rows dropped, index = data row - 2."""
    if not content.strip():
        raise ImportFileError(str(EMPTY_FILE))
    kind = _sniff_kind(content, filename)
    frame = _read_csv(content) if kind == "csv" else _read_workbook(content, kind)
    return _clean_frame(frame)


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


def _read_workbook(content: bytes, kind: str) -> pd.DataFrame:
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


def _read_csv(content: bytes) -> pd.DataFrame:
    text = decode_text(content).lstrip("\ufeff")
    if "\x00" in text:
        raise ImportFileError(str(NOT_TEXT))
    if not text.strip():
        raise ImportFileError(str(EMPTY_FILE))
    first_line = text.split("\n", 1)[0]
    delimiter = max(CSV_DELIMITERS, key=first_line.count)
    try:
        return pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False, skip_blank_lines=False)
    except (pd.errors.ParserError, ValueError) as exc:
        raise ImportFileError(str(BAD_CSV).format(detail=str(exc).strip())) from exc


def clean_cell(value) -> str:
    """Trim spaces (incl. full-width and NBSP), unwrap Excel ="…" text; NaN/None become ""."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    text = str(value).strip().strip("\ufeff").strip()
    match = EXCEL_TEXT_WRAPPER.match(text)
    return match.group(1).strip() if match else text


def _clean_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """clean_cell on every cell (vectorised: only ="…" cells take the slow path); blank rows dropped."""
    frame = frame.copy()
    frame.columns = [clean_cell(column) for column in frame.columns]
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position].fillna("").astype(str).str.strip()
        wrapped = column.str.startswith('="')
        if wrapped.any():
            column = column.where(~wrapped, column[wrapped].map(clean_cell))
        frame.isetitem(position, column.astype(object))
    return frame[(frame != "").any(axis=1)] if frame.shape[1] else frame
