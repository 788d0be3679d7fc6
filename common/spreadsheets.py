"""Spreadsheet safety shared by every export (CSV, XLSX): ``neutralise_cell`` is the one cell writer.

Order matters (issue 9): first remove what no workbook may hold — the C0 control characters that XML 1.0
forbids (openpyxl refuses them with IllegalCharacterError) — then look for a formula at the first character
that a spreadsheet would not skip (whitespace and invisible format characters such as U+202E are skipped),
so "\\x01=cmd|…" or "\\u202e=1+1" cannot slip past as a live formula.
"""

import re
import unicodedata
from datetime import date, datetime

from django.utils.functional import Promise

# XML 1.0 allows \t \n \r among the C0 controls; the rest (and the non-characters U+FFFE/U+FFFF) are illegal.
ILLEGAL_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What a spreadsheet runs as a formula (OWASP CSV injection), with the full-width forms Excel also accepts
# in East Asian locales; a leading tab or carriage return is neutralised too.
FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")


def _first_significant(text: str) -> str:
    for char in text:
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
            continue
        return char
    return ""


def local_cell(value, *, seconds: bool = False):
    """A date or time for a human-facing export (issue 13): text in the calendar of the active language —
    "115/12/01" / "115/12/01 14:30" in Chinese, ISO otherwise — aware times in Asia/Taipei; other values
    unchanged. Zero-padded, so a column still sorts as text. Exports that are re-imported (the registry's)
    keep ISO dates instead (docs/legal-decisions.md, "ROC dates in exports and e-mails")."""
    from common.localdates import format_local_date, format_local_datetime
    from common.roc import TAIPEI

    if isinstance(value, datetime):
        local = value.astimezone(TAIPEI) if value.tzinfo is not None else value
        return format_local_datetime(local, seconds=seconds)
    if isinstance(value, date):
        return format_local_date(value)
    return value


def neutralise_cell(value):
    """A value safe to write to any spreadsheet cell: text cleaned of XML-illegal characters and prefixed with
    an apostrophe when a spreadsheet would run it as a formula; a lazy translation is its text in the active
    language; other values unchanged."""
    if isinstance(value, Promise):
        value = str(value)
    if not isinstance(value, str):
        return value
    text = ILLEGAL_XML_RE.sub("", value)
    if text.startswith(("\t", "\r")) or _first_significant(text) in FORMULA_STARTS:
        return "'" + text
    return text


def restore_cell(text: str) -> str:
    """The inverse of ``neutralise_cell`` for a text cell read back (imports): "'=x" → "=x", other text as is."""
    if text.startswith("'") and neutralise_cell(text[1:]) == text:
        return text[1:]
    return text
