"""Roster import, pure stages (STYLE §5.10): read a file into a DataFrame, then validate it into typed rows.

No ORM and no settings here. What needs the database (matching rows to agencies, parents and regulators
that are not in the file, sectors) is checked by the plan in ``import_services.py``.

Two formats (docs/import-format.md):
- ``oid``: the national government OID registry export (政府機關OID, data.gov.tw 7081): columns
  機關名稱, OID, 電話, 地址, DN and, in newer exports, OrgCode. The hierarchy comes from the OID.
- ``csma``: our own template, which adds kind, SNGA category, sectors, level, regulator and parent.
"""

from infrastructure.imports.columns import (
    BAD_CSV,  # noqa: F401
    BIG5_FAMILY,  # noqa: F401
    BOMS,  # noqa: F401
    BROKEN_SPREADSHEET,  # noqa: F401
    CATEGORY_ONLY_FOR_SNGO,  # noqa: F401
    CATEGORY_VALUES,  # noqa: F401
    COLUMNS,  # noqa: F401
    CSMA_COLUMNS,  # noqa: F401
    CSV_DELIMITERS,  # noqa: F401
    DATE_WITHOUT_LEVEL,  # noqa: F401
    DUPLICATE_VALUE,  # noqa: F401
    EMPTY_FILE,  # noqa: F401
    EXCEL_TEXT_WRAPPER,  # noqa: F401
    EXTRA_FIELDS,  # noqa: F401
    FILE_FORMATS,  # noqa: F401
    FORMAT_AUTO,  # noqa: F401
    FORMAT_CSMA,  # noqa: F401
    FORMAT_OID,  # noqa: F401
    HEADER_ROW,  # noqa: F401
    INVALID_CHOICE,  # noqa: F401
    INVALID_DATE,  # noqa: F401
    INVALID_LEVEL,  # noqa: F401
    INVALID_OID,  # noqa: F401
    INVISIBLE_CHARACTERS,  # noqa: F401
    ISO_DATE,  # noqa: F401
    KIND_VALUES,  # noqa: F401
    LEGACY_EXCEL,  # noqa: F401
    LIST_SEPARATORS,  # noqa: F401
    MAX_COLUMNS,  # noqa: F401
    MAX_ROWS,  # noqa: F401
    MAX_UNCOMPRESSED_BYTES,  # noqa: F401
    MISSING_COLUMN,  # noqa: F401
    MISSING_IDENTIFIER,  # noqa: F401
    MISSING_IDENTIFIER_COLUMN,  # noqa: F401
    NO_DATA_ROWS,  # noqa: F401
    NOT_TEXT,  # noqa: F401
    ODS_MIMETYPE,  # noqa: F401
    OID_COLUMNS,  # noqa: F401
    OID_PATTERN,  # noqa: F401
    OLE2_MAGIC,  # noqa: F401
    REQUIRED,  # noqa: F401
    REQUIRED_VALUE,  # noqa: F401
    ROC_DATE,  # noqa: F401
    ROC_OFFSET,  # noqa: F401
    TOO_LARGE_UNCOMPRESSED,  # noqa: F401
    TOO_LONG,  # noqa: F401
    TOO_MANY_COLUMNS,  # noqa: F401
    TOO_MANY_ROWS,  # noqa: F401
    UNKNOWN_ENCODING,  # noqa: F401
    UNKNOWN_FORMAT,  # noqa: F401
    UNKNOWN_HEADER,  # noqa: F401
    ZIP_MAGIC,  # noqa: F401
    AgencyRow,  # noqa: F401
    Column,  # noqa: F401
    ImportFileError,  # noqa: F401
    RowError,  # noqa: F401
    detect_format,  # noqa: F401
    header_key,  # noqa: F401
    map_columns,  # noqa: F401
)
from infrastructure.imports.expansion import ReadLimits, check_expansion  # noqa: F401
from infrastructure.imports.reading import (
    ROW_ERRORS,  # noqa: F401
    clean_cell,  # noqa: F401
    decode_text,  # noqa: F401
    excel_engine,  # noqa: F401
    read_agency_frame,  # noqa: F401
)
from infrastructure.imports.validation import (
    CheckedRows,  # noqa: F401
    check_agency_rows,  # noqa: F401
    oid_ancestors,  # noqa: F401
    parse_date,  # noqa: F401
    validate_agency_rows,  # noqa: F401
)
