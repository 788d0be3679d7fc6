"""Roster import, pure stages (STYLE §5.10): read a file into a DataFrame, then validate it into typed rows.

No ORM and no settings here. What needs the database (matching rows to agencies, parents and regulators
that are not in the file, sectors) is checked by the plan in ``import_services.py``.

Two formats (docs/import-format.md):
- ``oid``: the national government OID registry export (政府機關OID, data.gov.tw 7081): columns
  機關名稱, OID, 電話, 地址, DN and, in newer exports, OrgCode. The hierarchy comes from the OID.
- ``csma``: our own template, which adds kind, SNGA category, sectors, level, regulator and parent.
"""

import io
import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

import charset_normalizer
import pandas as pd
from django.utils.translation import gettext_lazy as _

from infrastructure.models import AgencyKind, ResponsibilityLevel, SNGACategory

FORMAT_AUTO, FORMAT_OID, FORMAT_CSMA = "auto", "oid", "csma"
FILE_FORMATS = (FORMAT_AUTO, FORMAT_OID, FORMAT_CSMA)

# Messages (English source text; zh-Hant in locale/). Tests assert them exactly.
EMPTY_FILE = _("The file is empty.")
NO_DATA_ROWS = _("The file has a header row but no data rows.")
BROKEN_SPREADSHEET = _(
    "The file is not a readable {kind} spreadsheet: it may be damaged, or another kind of file renamed to .{ext}."
)
LEGACY_EXCEL = _(
    "Old Excel .xls files and password-protected workbooks cannot be read: save the file as .xlsx, .ods or CSV."
)
NOT_TEXT = _("The file is neither a spreadsheet (XLSX, ODS) nor a CSV text file.")
UNKNOWN_ENCODING = _("The character encoding of the CSV file could not be recognised: save it as UTF-8 CSV.")
BAD_CSV = _("The CSV file could not be read: {detail}")
UNKNOWN_FORMAT = _('Unknown file format "{value}": use auto, oid or csma.')
UNKNOWN_HEADER = _(
    "The header row was not recognised: expected the columns of the national OID registry export "
    "(機關名稱, OID, 電話, 地址, DN) or of the csma template (see docs/import-format.md)."
)
MISSING_COLUMN = _('Required column "{column}" is missing.')
MISSING_IDENTIFIER_COLUMN = _('The file needs an "{oid}" column or an "{org_code}" column.')
REQUIRED_VALUE = _("This value is required.")
MISSING_IDENTIFIER = _("Each row needs an OID or an organisation code.")
INVALID_OID = _('"{value}" is not a valid OID (numbers separated by dots, such as 2.16.886.101.20003).')
TOO_LONG = _("This value is longer than {limit} characters.")
DUPLICATE_VALUE = _('"{value}" appears more than once in the file (rows {rows}).')
INVALID_CHOICE = _('"{value}" is not an accepted value: use one of {choices}.')
CATEGORY_ONLY_FOR_SNGO = _("Only a specific non-government agency (特定非公務機關) has an SNGA category.")
INVALID_LEVEL = _('"{value}" is not a responsibility level: use A, B, C, D or E.')
INVALID_DATE = _('"{value}" is not a date: use YYYY-MM-DD or a ROC date such as 115/01/05.')
DATE_WITHOUT_LEVEL = _("An effective date needs a level in the same row.")

HEADER_ROW = 1  # rows are numbered as the spreadsheet shows them: header = 1, first data row = 2
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and encrypted .xlsx
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
BIG5_FAMILY = ("cp950", "big5hkscs")  # Taiwan's Big5 as Windows writes it, then the HK superset
CSV_DELIMITERS = (",", "\t", ";")
EXCEL_TEXT_WRAPPER = re.compile(r'^="(.*)"$', re.DOTALL)  # ="0212345678" keeps leading zeros in Excel
OID_PATTERN = re.compile(r"^\d+(\.\d+)+$")
LIST_SEPARATORS = re.compile(r"[;；、]")
ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00)?)?$")
ROC_DATE = re.compile(r"^(?:民國)?(\d{2,3})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})日?$")
ROC_OFFSET = 1911


class ImportFileError(ValueError):
    """The file as a whole cannot be read (empty, broken, unknown encoding)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RowError:
    row: int | None  # None: the file as a whole; 1: the header row
    column: str  # as the file spells it ("" when not about one column)
    message: str


@dataclass(frozen=True)
class AgencyRow:
    """One valid row. ``columns`` are the fields the file carries: absent columns leave data alone."""

    row: int
    file_format: str
    columns: frozenset[str]
    name: str
    oid: str = ""
    org_code: str = ""
    name_en: str = ""
    kind: str = AgencyKind.GOVERNMENT.value
    sngo_category: str = ""
    address: str = ""
    phone: str = ""
    dn: str = ""
    parent: str = ""  # csma: OID or org code of the superior agency; "" = derived from the OID, or top level
    regulator: str = ""  # csma: OID or org code of the sector regulator
    sectors: tuple[str, ...] = ()  # sector codes or names as written; resolved by the plan
    level: str = ""
    level_effective_from: date | None = None
    headers: tuple[tuple[str, str], ...] = ()  # (field, header as the file spells it)

    def header(self, field: str) -> str:
        return dict(self.headers).get(field, field)


@dataclass(frozen=True)
class Column:
    field: str
    headers: tuple[str, ...]  # accepted spellings, the documented one first
    max_length: int | None = None


OID_COLUMNS = (
    Column("name", ("機關名稱",), 200),
    Column("oid", ("OID",), 120),
    Column("phone", ("電話",), 60),
    Column("address", ("地址",), 300),
    Column("dn", ("DN",), 600),
    Column("org_code", ("OrgCode", "機關代碼"), 40),
)
CSMA_COLUMNS = (
    Column("name", ("name", "機關名稱"), 200),
    Column("name_en", ("name_en", "英文名稱"), 300),
    Column("oid", ("oid",), 120),
    Column("org_code", ("org_code", "機關代碼"), 40),
    Column("kind", ("kind", "機關類型")),
    Column("sngo_category", ("sngo_category", "特定非公務機關類別")),
    Column("sectors", ("sectors", "關鍵基礎設施領域")),
    Column("level", ("level", "資通安全責任等級")),
    Column("level_effective_from", ("level_effective_from", "等級生效日")),
    Column("regulator", ("regulator", "中央目的事業主管機關")),
    Column("parent", ("parent", "上級機關")),
    Column("address", ("address", "地址"), 300),
    Column("phone", ("phone", "電話"), 60),
)
REQUIRED = {FORMAT_OID: ("name", "oid"), FORMAT_CSMA: ("name",)}
COLUMNS = {FORMAT_OID: OID_COLUMNS, FORMAT_CSMA: CSMA_COLUMNS}


def header_key(header: str) -> str:
    """Header spellings compare without case, spaces, "_" or "-" ("OrgCode" == "org_code")."""
    return re.sub(r"[\s_\-]", "", header).casefold()


_OID_KEYS = {header_key(h) for column in OID_COLUMNS for h in column.headers}
_CSMA_ONLY_KEYS = {header_key(h) for column in CSMA_COLUMNS for h in column.headers} - _OID_KEYS

KIND_VALUES = {
    "government": AgencyKind.GOVERNMENT,
    "公務機關": AgencyKind.GOVERNMENT,
    "sngo": AgencyKind.SPECIFIC_NON_GOVERNMENT,
    "特定非公務機關": AgencyKind.SPECIFIC_NON_GOVERNMENT,
}
CATEGORY_VALUES = {
    "ci_provider": SNGACategory.CI_PROVIDER,
    "關鍵基礎設施提供者": SNGACategory.CI_PROVIDER,
    "state_owned": SNGACategory.STATE_OWNED,
    "公營事業": SNGACategory.STATE_OWNED,
    "foundation": SNGACategory.DESIGNATED_FOUNDATION,
    "特定財團法人": SNGACategory.DESIGNATED_FOUNDATION,
    "controlled": SNGACategory.GOVERNMENT_CONTROLLED,
    "受政府控制之事業、團體或機構": SNGACategory.GOVERNMENT_CONTROLLED,
}


# Stage 1: read ----------------------------------------------------------------------------------


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


# Stage 2: validate ------------------------------------------------------------------------------


def detect_format(headers, *, requested: str = FORMAT_AUTO) -> str | None:
    """``oid`` or ``csma`` from the header row (a csma-only column decides); None when unrecognised."""
    if requested in (FORMAT_OID, FORMAT_CSMA):
        return requested
    keys = {header_key(str(header)) for header in headers}
    if keys & _CSMA_ONLY_KEYS:
        return FORMAT_CSMA
    if keys & _OID_KEYS:
        return FORMAT_OID
    return None


def map_columns(headers, *, file_format: str) -> tuple[dict[str, str], list[RowError]]:
    """{field: header as written}, and an error per missing required column (on the header row)."""
    by_key = {}
    for header in headers:
        by_key.setdefault(header_key(str(header)), str(header))
    mapping = {}
    for column in COLUMNS[file_format]:
        found = next((by_key[header_key(h)] for h in column.headers if header_key(h) in by_key), None)
        if found is not None:
            mapping[column.field] = found
    errors = [
        RowError(HEADER_ROW, column.headers[0], str(MISSING_COLUMN).format(column=column.headers[0]))
        for column in COLUMNS[file_format]
        if column.field in REQUIRED[file_format] and column.field not in mapping
    ]
    if file_format == FORMAT_CSMA and not {"oid", "org_code"} & mapping.keys():
        errors.append(
            RowError(HEADER_ROW, "oid", str(MISSING_IDENTIFIER_COLUMN).format(oid="oid", org_code="org_code"))
        )
    return mapping, errors


def validate_agency_rows(df: pd.DataFrame, *, file_format: str = FORMAT_AUTO) -> tuple[list[AgencyRow], list[RowError]]:
    """Typed rows and every error (row, column, message). Rows come back only when there is no error."""
    if file_format not in FILE_FORMATS:
        return [], [RowError(None, "", str(UNKNOWN_FORMAT).format(value=file_format))]
    detected = detect_format(df.columns, requested=file_format)
    if detected is None:
        return [], [RowError(HEADER_ROW, "", str(UNKNOWN_HEADER))]
    mapping, errors = map_columns(df.columns, file_format=detected)
    if errors:
        return [], errors
    if df.empty:
        return [], [RowError(None, "", str(NO_DATA_ROWS))]
    rows, keys, errors = _parse_rows(df, detected, mapping)
    errors += _duplicates(keys, "oid", mapping) + _duplicates(keys, "org_code", mapping)
    errors.sort(key=lambda error: (error.row or 0, error.column))
    return ([] if errors else rows), errors


def _parse_rows(df: pd.DataFrame, file_format: str, mapping: dict[str, str]):
    """Rows that parsed, the identifiers of every row (for the duplicate check), and the errors."""
    columns, headers = frozenset(mapping), tuple(mapping.items())
    limits = {c.field: c.max_length for c in COLUMNS[file_format] if c.max_length}
    fields = list(mapping)
    rows, keys, errors = [], [], []
    for label, *cells in zip(df.index, *(df[mapping[field]].tolist() for field in fields), strict=True):
        cells = dict(zip(fields, cells, strict=True))
        parser = _RowParser(number=int(label) + 2, headers=mapping, limits=limits)
        row = parser.parse(cells, file_format=file_format, columns=columns, headers=headers)
        errors += parser.errors
        keys.append(parser.keys)
        if row is not None:
            rows.append(row)
    return rows, keys, errors


class _RowParser:
    """Cleans one row's cells into AgencyRow fields, collecting an error per bad cell."""

    def __init__(self, *, number: int, headers: dict[str, str], limits: dict[str, int]):
        self.number, self.headers, self.limits = number, headers, limits
        self.errors: list[RowError] = []
        self.keys: dict = {"row": number}

    def fail(self, field: str, message) -> None:
        self.errors.append(RowError(self.number, self.headers.get(field, field), str(message)))

    def parse(
        self, cells: dict[str, str], *, file_format: str, columns: frozenset[str], headers: tuple[tuple[str, str], ...]
    ) -> AgencyRow | None:
        fields = {
            field: self.text(field, cells.get(field, "")) for field in ("name", "name_en", "address", "phone", "dn")
        }
        fields.update(
            oid=self.oid(cells.get("oid", ""), required=file_format == FORMAT_OID),
            org_code=self.identifier("org_code", cells.get("org_code", "")),
        )
        self.keys.update(oid=fields["oid"], org_code=fields["org_code"])
        if not fields["name"]:
            self.fail("name", REQUIRED_VALUE)
        if file_format == FORMAT_CSMA:
            fields.update(self.csma_fields(cells))
            if not fields["oid"] and not fields["org_code"]:
                self.fail("oid" if "oid" in self.headers else "org_code", MISSING_IDENTIFIER)
        if self.errors:
            return None
        return AgencyRow(row=self.number, file_format=file_format, columns=columns, headers=headers, **fields)

    def csma_fields(self, cells: dict[str, str]) -> dict:
        kind = self.choice("kind", cells.get("kind", ""), KIND_VALUES) or AgencyKind.GOVERNMENT.value
        category = self.choice("sngo_category", cells.get("sngo_category", ""), CATEGORY_VALUES)
        if category and kind != AgencyKind.SPECIFIC_NON_GOVERNMENT:
            self.fail("sngo_category", CATEGORY_ONLY_FOR_SNGO)
        level, effective = self.level(cells.get("level", "")), self.date(cells.get("level_effective_from", ""))
        if effective and not level:
            self.fail("level_effective_from", DATE_WITHOUT_LEVEL)
        sectors = tuple(part.strip() for part in LIST_SEPARATORS.split(cells.get("sectors", "")) if part.strip())
        return {
            "kind": kind,
            "sngo_category": category,
            "sectors": sectors,
            "level": level,
            "level_effective_from": effective,
            "parent": self.identifier("parent", cells.get("parent", "")),
            "regulator": self.identifier("regulator", cells.get("regulator", "")),
        }

    def text(self, field: str, value: str) -> str:
        if not value:
            return value
        value = " ".join(value.split())  # stray and repeated spaces, incl. full-width
        limit = self.limits.get(field)
        if limit and len(value) > limit:
            self.fail(field, str(TOO_LONG).format(limit=limit))
        return value

    def identifier(self, field: str, value: str) -> str:
        """OIDs and codes lose every space (real exports have "2.16.886.101. 20003") and full-width forms."""
        return self.text(field, "".join(unicodedata.normalize("NFKC", value).split()))

    def oid(self, value: str, *, required: bool) -> str:
        oid = self.identifier("oid", value)
        if not oid and required:
            self.fail("oid", REQUIRED_VALUE)
        elif oid and not OID_PATTERN.match(oid):
            self.fail("oid", str(INVALID_OID).format(value=value))
        return oid

    def choice(self, field: str, value: str, accepted: dict[str, str]) -> str:
        if not value:
            return ""
        found = accepted.get(value) or accepted.get(value.casefold().replace(" ", "_"))
        if found is None:
            self.fail(field, str(INVALID_CHOICE).format(value=value, choices=", ".join(accepted)))
        return str(found) if found else ""

    def level(self, value: str) -> str:
        level = unicodedata.normalize("NFKC", value).strip().upper().removesuffix("級")
        if level and level not in ResponsibilityLevel.values:
            self.fail("level", str(INVALID_LEVEL).format(value=value))
            return ""
        return level

    def date(self, value: str) -> date | None:
        if not value:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.fail("level_effective_from", str(INVALID_DATE).format(value=value))
        return parsed


def parse_date(value: str) -> date | None:
    """2026-01-05, 2026/1/5, an Excel date ("2026-01-05 00:00:00"), ROC 115/01/05 or 民國115年1月5日."""
    text = unicodedata.normalize("NFKC", value).strip()
    iso, roc = ISO_DATE.match(text), ROC_DATE.match(text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if roc:
            return date(int(roc[1]) + ROC_OFFSET, int(roc[2]), int(roc[3]))
    except ValueError:
        return None
    return None


def _duplicates(keys: list[dict], field: str, mapping: dict[str, str]) -> list[RowError]:
    """An error on every row whose identifier another row also has (duplicate names are fine)."""
    counts = Counter(key[field] for key in keys if key.get(field))
    seen: dict[str, list[int]] = {value: [] for value, count in counts.items() if count > 1}
    for key in keys if seen else ():
        if key.get(field) in seen:
            seen[key[field]].append(key["row"])
    return [
        RowError(number, mapping[field], str(DUPLICATE_VALUE).format(value=value, rows=", ".join(map(str, numbers))))
        for value, numbers in seen.items()
        if len(numbers) > 1
        for number in numbers
    ]


def oid_ancestors(oid: str) -> list[str]:
    """Nearest first: 2.16.886.101.20003.20006 → [2.16.886.101.20003, 2.16.886.101, 2.16.886, 2.16]."""
    arcs = oid.split(".")
    return [".".join(arcs[:length]) for length in range(len(arcs) - 1, 1, -1)]
