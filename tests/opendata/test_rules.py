"""The pure rules: lifecycle, four eyes, periods, and cell suppression on hand-made tables (no database)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from common.conflicts import is_conflict
from opendata.rules import (
    COMPLEMENTARY,
    PRIMARY,
    TOTAL,
    Cell,
    ReleaseStatus,
    Table,
    can_transition,
    ensure_four_eyes,
    ensure_period_over,
    ensure_transition,
    period_bounds,
    period_months,
    suppress,
    suppress_rows,
)
from opendata.tables import tabulate

S = ReleaseStatus


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        (S.DRAFT, S.UNDER_REVIEW, True),
        (S.DRAFT, S.PUBLISHED, False),  # never published without review
        (S.UNDER_REVIEW, S.PUBLISHED, True),
        (S.UNDER_REVIEW, S.DRAFT, True),  # returned to the preparer
        (S.PUBLISHED, S.WITHDRAWN, True),
        (S.PUBLISHED, S.DRAFT, False),  # a published release never goes back: a correction is a new version
        (S.PUBLISHED, S.UNDER_REVIEW, False),
        (S.WITHDRAWN, S.PUBLISHED, False),
    ],
)
def test_transitions(current, new, allowed):
    assert can_transition(current, new) is allowed


def test_repeating_a_step_is_a_conflict_and_a_forbidden_step_is_not():
    with pytest.raises(ValidationError) as repeated:
        ensure_transition(S.PUBLISHED, S.PUBLISHED)
    assert is_conflict(repeated.value) is True
    with pytest.raises(ValidationError) as forbidden:
        ensure_transition(S.DRAFT, S.PUBLISHED)
    assert is_conflict(forbidden.value) is False
    assert forbidden.value.code == "transition"


@pytest.mark.parametrize(("reviewer", "refused"), [(1, True), (2, True), (3, False)])
def test_four_eyes(reviewer, refused):
    if refused:
        with pytest.raises(ValidationError) as error:
            ensure_four_eyes(prepared_by_id=1, submitted_by_id=2, reviewer_id=reviewer)
        assert error.value.code == "four_eyes"
    else:
        ensure_four_eyes(prepared_by_id=1, submitted_by_id=2, reviewer_id=reviewer)


def test_periods():
    assert period_months(0) == tuple(range(1, 13))
    assert period_months(1) == (1, 2, 3)
    assert period_months(4) == (10, 11, 12)
    assert period_bounds(year=2026, quarter=0) == (date(2026, 1, 1), date(2027, 1, 1))
    assert period_bounds(year=2026, quarter=2) == (date(2026, 4, 1), date(2026, 7, 1))
    assert period_bounds(year=2026, quarter=4) == (date(2026, 10, 1), date(2027, 1, 1))


def test_only_a_closed_period_can_be_released():
    ensure_period_over(year=2026, quarter=1, today=date(2026, 4, 1), label="Q1")
    with pytest.raises(ValidationError) as error:
        ensure_period_over(year=2026, quarter=1, today=date(2026, 3, 31), label="Q1")
    assert error.value.messages == ["Only a period that has ended can be released: Q1 ends on 2026-03-31."]


def _table(values: list[list[int]], contributors: list[list[int]] | None = None) -> Table:
    """A table whose margins are the sums (contributors: one agency per unit unless given)."""
    contributors = contributors or values
    rows = tuple(f"r{i}" for i in range(len(values)))
    cols = tuple(f"c{j}" for j in range(len(values[0])))
    cells = {(r, c): Cell(values[i][j], contributors[i][j]) for i, r in enumerate(rows) for j, c in enumerate(cols)}
    row_totals = {r: Cell(sum(values[i]), sum(contributors[i])) for i, r in enumerate(rows)}
    col_totals = {
        c: Cell(sum(row[j] for row in values), sum(row[j] for row in contributors)) for j, c in enumerate(cols)
    }
    total = Cell(sum(map(sum, values)), sum(map(sum, contributors)))
    return Table(rows, cols, cells, row_totals, col_totals, total)


def test_nothing_small_nothing_suppressed_and_zeros_are_published():
    assert suppress(_table([[5, 0], [3, 7]]), min_cell_size=3) == {}


def test_one_small_cell_takes_complements_in_its_row_and_column_and_a_fourth_closes_the_rectangle():
    #        c0  c1  c2 | total
    # r0      2  10   4 |  16
    # r1      6   8   5 |  19
    # total   8  18   9 |  35
    marks = suppress(_table([[2, 10, 4], [6, 8, 5]]), min_cell_size=3)
    # (r0,c0)=2 is primary. Row r0: the smallest other non-zero cell is (r0,c2)=4. Column c0: (r1,c0)=6.
    # Then row r1 holds one suppressed cell (r1,c0): its smallest other is (r1,c2)=5, which also completes
    # column c2. Every row and column now holds 0 or 2 suppressed figures.
    assert marks == {
        ("r0", "c0"): PRIMARY,
        ("r0", "c2"): COMPLEMENTARY,
        ("r1", "c0"): COMPLEMENTARY,
        ("r1", "c2"): COMPLEMENTARY,
    }


def test_the_threshold_counts_agencies_not_units():
    # 7 incidents of a single agency (dominance) are suppressed; 2 incidents of 2 agencies with k=2 are not.
    table = _table([[7, 4], [3, 9]], contributors=[[1, 4], [3, 9]])
    assert suppress(table, min_cell_size=3)[("r0", "c0")] == PRIMARY
    assert suppress(_table([[2, 4], [3, 9]]), min_cell_size=2) == {}


def test_a_small_total_is_suppressed_and_a_single_column_line_suppresses_its_total():
    # One column: a row's only cell equals the row total, so hiding the cell means hiding the total too.
    marks = suppress(_table([[1], [5], [6]]), min_cell_size=3)
    assert marks[("r0", "c0")] == PRIMARY
    assert marks[("r0", TOTAL)] == PRIMARY  # the row total is the same single agency
    assert marks[("r1", "c0")] == COMPLEMENTARY  # column c0: the smallest other non-zero cell
    assert marks[("r1", TOTAL)] == COMPLEMENTARY
    assert ("r2", "c0") not in marks
    assert (TOTAL, TOTAL) not in marks


def test_a_small_row_total_is_complemented_by_another_row_total():
    #        c0  c1 | total
    # r0      1   0 |   1   ← r0's total is the same single agency: primary too
    # r1      4   5 |   9
    # total   5   5 |  10
    marks = suppress(_table([[1, 0], [4, 5]]), min_cell_size=3)
    # Column c0 holds one suppressed figure: (r1,c0)=4 complements it. The column of row totals holds one
    # (r0's total): it has no inner cell, so its first other figure, r1's total, complements it. Row r1 then
    # holds two. Unknowns a=(r0,c0), b=(r1,c0): a = r0 total, a + b = 5, b + 5 = r1 total — one degree of
    # freedom left, so a stays between 1 and 5.
    assert marks == {
        ("r0", "c0"): PRIMARY,
        ("r0", TOTAL): PRIMARY,
        ("r1", "c0"): COMPLEMENTARY,
        ("r1", TOTAL): COMPLEMENTARY,
    }
    assert all(count != 1 for count in _line_counts(marks, rows=("r0", "r1"), cols=("c0", "c1")))


def _line_counts(marks, *, rows, cols):
    rows, cols = (*rows, TOTAL), (*cols, TOTAL)
    for row in rows:
        yield sum((row, col) in marks for col in cols)
    for col in cols:
        yield sum((row, col) in marks for row in rows)


def test_suppression_is_deterministic_and_ties_go_to_the_earlier_cell():
    table = _table([[1, 4, 4], [4, 4, 4]])
    first = suppress(table, min_cell_size=3)
    assert first == suppress(table, min_cell_size=3)
    assert first[("r0", "c1")] == COMPLEMENTARY  # 4 and 4 in row r0: c1 comes first
    assert ("r0", "c2") not in first


def test_one_way_table_hides_a_second_row_when_one_is_small():
    rows = {"energy": Cell(2, 2), "water": Cell(5, 5), "finance": Cell(9, 9), "none": Cell(0, 0)}
    marks = suppress_rows(rows, Cell(16, 16), min_cell_size=3)
    assert marks == {"energy": PRIMARY, "water": COMPLEMENTARY}


def test_tabulate_counts_each_unit_once_per_row_and_once_in_the_totals():
    # agency 1 (two sectors) with two level-1 incidents; agency 2 (one sector) with one level-2 incident.
    records = [(1, ("energy", "water"), "1"), (1, ("energy", "water"), "1"), (2, ("water",), "2")]
    table = tabulate(records, rows=("energy", "water", "none"), cols=("1", "2"))
    assert table.cells[("energy", "1")] == Cell(2, 1)
    assert table.cells[("water", "1")] == Cell(2, 1)
    assert table.cells[("water", "2")] == Cell(1, 1)
    assert table.cells[("none", "1")] == Cell(0, 0)
    assert table.row_totals["water"] == Cell(3, 2)
    assert table.col_totals["1"] == Cell(2, 1)  # distinct incidents, not 4
    assert table.total == Cell(3, 2)
