"""Formats, columns, messages and the typed rows of a roster import (pure)."""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from common import validators
from infrastructure.models import AgencyKind, SNGACategory

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


EXTRA_FIELDS = _(
    "This row has {fields} values but the header row has {columns} columns: remove the extra values or give "
    "them a column heading."
)


TOO_MANY_ROWS = _("The file has more than {limit} data rows; split it into smaller files.")


TOO_MANY_COLUMNS = _("The file has more than {limit} columns; only the columns of the import format are needed.")


TOO_LARGE_UNCOMPRESSED = _(
    "The spreadsheet expands to more than {limit} MB when opened; save only the roster sheet, without images or "
    "formatting of empty cells."
)


INVISIBLE_CHARACTERS = validators.INVISIBLE_CHARACTERS


# What a file may expand to (checked before it is read, issue 9): the national roster has about 8,300 rows
# and the csma template 13 columns.
MAX_ROWS = 50_000
MAX_COLUMNS = 100
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024


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
    # After the template's spellings, the headings of csma's own registry export (zh-Hant and English), so that
    # what csma exports it imports (infrastructure/exports.py); its identifier columns come before the name ones.
    Column("name", ("name", "機關名稱", "名稱"), 200),
    Column("name_en", ("name_en", "英文名稱", "English name"), 300),
    Column("oid", ("oid",), 120),
    Column("org_code", ("org_code", "機關代碼", "Organisation code"), 40),
    Column("kind", ("kind", "機關類型", "類別")),
    Column("sngo_category", ("sngo_category", "特定非公務機關類別", "SNGA category")),
    Column("sectors", ("sectors", "關鍵基礎設施領域")),
    Column("level", ("level", "資通安全責任等級", "Responsibility level")),
    Column("level_effective_from", ("level_effective_from", "等級生效日")),
    Column(
        "regulator",
        ("regulator", "中央目的事業主管機關識別碼", "Sector regulator (OID or code)", "中央目的事業主管機關"),
    ),
    Column("parent", ("parent", "上級機關識別碼", "Superior agency (OID or code)", "上級機關")),
    Column("address", ("address", "地址", "Address"), 300),
    Column("phone", ("phone", "電話", "Phone"), 60),
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
    "government_agency": AgencyKind.GOVERNMENT,  # the export's English labels, normalised by the reader
    "specific_non-government_agency": AgencyKind.SPECIFIC_NON_GOVERNMENT,
}


CATEGORY_VALUES = {
    "ci_provider": SNGACategory.CI_PROVIDER,
    "關鍵基礎設施提供者": SNGACategory.CI_PROVIDER,
    "state_owned": SNGACategory.STATE_OWNED,
    "公營事業": SNGACategory.STATE_OWNED,
    "foundation": SNGACategory.DESIGNATED_FOUNDATION,
    "特定財團法人": SNGACategory.DESIGNATED_FOUNDATION,
    "政府捐助之財團法人": SNGACategory.DESIGNATED_FOUNDATION,
    "critical_infrastructure_provider": SNGACategory.CI_PROVIDER,
    "state-owned_enterprise": SNGACategory.STATE_OWNED,
    "designated_foundation": SNGACategory.DESIGNATED_FOUNDATION,
    "government-controlled_entity": SNGACategory.GOVERNMENT_CONTROLLED,
    "controlled": SNGACategory.GOVERNMENT_CONTROLLED,
    "受政府控制之事業、團體或機構": SNGACategory.GOVERNMENT_CONTROLLED,
}


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
