"""Validating a roster DataFrame into typed rows, with every error by row and column (pure)."""

import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date

import pandas as pd

from common.validators import has_invisible_characters
from infrastructure.imports.columns import (
    CATEGORY_ONLY_FOR_SNGO,
    CATEGORY_VALUES,
    COLUMNS,
    DATE_WITHOUT_LEVEL,
    DUPLICATE_VALUE,
    FILE_FORMATS,
    FORMAT_AUTO,
    FORMAT_CSMA,
    FORMAT_OID,
    HEADER_ROW,
    INVALID_CHOICE,
    INVALID_DATE,
    INVALID_LEVEL,
    INVALID_OID,
    INVISIBLE_CHARACTERS,
    ISO_DATE,
    KIND_VALUES,
    LIST_SEPARATORS,
    MISSING_IDENTIFIER,
    NO_DATA_ROWS,
    OID_PATTERN,
    REQUIRED_VALUE,
    ROC_DATE,
    ROC_OFFSET,
    TOO_LONG,
    UNKNOWN_FORMAT,
    UNKNOWN_HEADER,
    AgencyRow,
    RowError,
    detect_format,
    map_columns,
)
from infrastructure.models import AgencyKind, ResponsibilityLevel


def validate_agency_rows(df: pd.DataFrame, *, file_format: str = FORMAT_AUTO) -> tuple[list[AgencyRow], list[RowError]]:
    """Typed rows and every error (row, column, message). Rows come back only when there is no error."""
    checked = check_agency_rows(df, file_format=file_format)
    return ([] if checked.errors else list(checked.rows)), list(checked.errors)


@dataclass(frozen=True)
class CheckedRows:
    """Every row that parsed (also when others did not), every error, and the identifiers (OIDs and codes)
    of every row of the file — valid or not — so that references to a bad row are not reported as unknown."""

    rows: tuple[AgencyRow, ...]
    errors: tuple[RowError, ...]
    identifiers: frozenset[str] = frozenset()


def check_agency_rows(df: pd.DataFrame, *, file_format: str = FORMAT_AUTO) -> CheckedRows:
    """The whole file in one pass: what parsed, and every error sorted by row and column."""
    if file_format not in FILE_FORMATS:
        return CheckedRows((), (RowError(None, "", str(UNKNOWN_FORMAT).format(value=file_format)),))
    detected = detect_format(df.columns, requested=file_format)
    if detected is None:
        return CheckedRows((), (RowError(HEADER_ROW, "", str(UNKNOWN_HEADER)),))
    mapping, errors = map_columns(df.columns, file_format=detected)
    if errors:
        return CheckedRows((), tuple(errors))
    if df.empty:
        return CheckedRows((), (RowError(None, "", str(NO_DATA_ROWS)),))
    rows, keys, errors = _parse_rows(df, detected, mapping)
    errors += list(df.attrs.get("row_errors", ()))
    errors += _duplicates(keys, "oid", mapping) + _duplicates(keys, "org_code", mapping)
    errors.sort(key=lambda error: (error.row or 0, error.column))
    identifiers = frozenset(key[field] for key in keys for field in ("oid", "org_code") if key.get(field))
    return CheckedRows(tuple(rows), tuple(errors), identifiers)


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
        if has_invisible_characters(value):
            self.fail(field, INVISIBLE_CHARACTERS)
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
