"""Property-based tests (Hypothesis, issue 9): every export's cell writer writes any string safely, and the
import reader answers any bytes or any grid of text with rows or row/file errors — never an exception."""

import csv
import io
import unicodedata

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from access.exports import trail_export_xlsx
from common.spreadsheets import FORMULA_STARTS, ILLEGAL_XML_RE, neutralise_cell, restore_cell
from infrastructure.exports import render_csv, render_xlsx
from infrastructure.imports import ImportFileError, check_agency_rows, read_agency_frame

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Text as stored values can be: any code point but surrogates, with the dangerous ones made likely.
DANGEROUS = st.sampled_from(["=", "+", "-", "@", "\t", "\r", "\x00", "\x01", "\x1b", "\u202e", "\u200b", " ", "'"])
TEXT = st.lists(st.one_of(DANGEROUS, st.characters(exclude_categories=["Cs"])), max_size=20).map("".join)


def _is_live_formula(value: str) -> bool:
    """What a spreadsheet would run: the first character that is not whitespace nor an invisible control or
    format character (Cc, Cf) starts a formula."""
    significant = [c for c in value if not (c.isspace() or unicodedata.category(c) in ("Cc", "Cf"))]
    return bool(significant) and significant[0] in FORMULA_STARTS


@PROPERTY
@given(TEXT)
def test_a_neutralised_cell_is_never_a_formula_and_has_no_illegal_character(text):
    cell = neutralise_cell(text)
    assert not ILLEGAL_XML_RE.search(cell)
    assert cell.startswith("'") or not _is_live_formula(cell)
    cleaned = ILLEGAL_XML_RE.sub("", text)
    if not cleaned.startswith("'"):  # a leading apostrophe already means "text" to a spreadsheet
        assert restore_cell(cell) == cleaned


@PROPERTY
@given(st.lists(TEXT, min_size=1, max_size=5))
def test_the_registry_export_writes_any_strings(texts):
    cells = [neutralise_cell(text) for text in texts]  # what agency_row does for every column
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(["h"] * len(cells), iter([cells])))).active
    assert all(cell.data_type != "f" for cell in sheet[2])  # no cell is ever a formula
    rows = list(csv.reader(io.StringIO(render_csv(["h"] * len(cells), iter([cells])).decode("utf-8-sig"))))
    assert all(not _is_live_formula(value) or value.startswith("'") for value in rows[1] if value)


@PROPERTY
@given(st.lists(TEXT, min_size=7, max_size=7), st.dictionaries(TEXT, TEXT, max_size=3))
def test_the_trail_export_writes_any_strings(texts, data):
    from django.utils import timezone

    keys = ("actor_name", "source", "kind", "object_type", "object_ref", "label", "ip")
    row = {"occurred_at": timezone.now(), "data": data, **dict(zip(keys, texts, strict=True))}
    sheet = openpyxl.load_workbook(io.BytesIO(trail_export_xlsx(rows=[row]))).active
    assert all(cell.data_type != "f" for cell in sheet[2])


@PROPERTY
@given(st.binary(max_size=2000))
def test_the_import_reader_answers_any_bytes(content):
    try:
        frame = read_agency_frame(content=content, filename="roster.csv")
    except ImportFileError:
        return
    checked = check_agency_rows(frame)
    assert checked.rows or checked.errors


HEADERS = st.lists(st.sampled_from(["機關名稱", "OID", "電話", "地址", "DN", "name", "oid", "parent", "level", "x"]))
CELL = st.one_of(TEXT, st.sampled_from(["2.16.886.101.20003", "A", "115/01/05", "9999-99-99", ",", '"', "\n"]))


@PROPERTY
@given(HEADERS, st.lists(st.lists(CELL, max_size=8), max_size=8))
def test_the_import_reader_answers_any_grid_with_rows_or_row_errors(header, grid):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *grid])
    try:
        frame = read_agency_frame(content=buffer.getvalue().encode("utf-8"), filename="roster.csv")
    except ImportFileError:
        return
    checked = check_agency_rows(frame)
    data_rows = range(2, len(grid) + 2)
    assert all(error.row in (None, 1) or error.row in data_rows for error in checked.errors)
    assert {row.row for row in checked.rows} <= set(data_rows)


@pytest.mark.parametrize("text", ["'=1", "'+886", "'abc", "''=x"])
def test_restore_cell_undoes_only_what_neutralise_cell_added(text):
    assert restore_cell(text) == {"'=1": "=1", "'+886": "+886", "'abc": "'abc", "''=x": "''=x"}[text]
