"""Pure rules of open-data releases: the lifecycle (TextChoices + transition table, as incidents'
workflow), the periods, and statistical disclosure control (primary and complementary cell suppression).

No ORM, no settings, no now(): the reading is recorded in docs/legal-decisions.md ("Open data").
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.localdates import is_chinese
from common.roc import roc_year
from common.workflow import Workflow

DEFAULT_MIN_CELL_SIZE = 3  # the threshold rule: a cell needs at least 3 contributing agencies
MAX_MIN_CELL_SIZE = 50


class ReleaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    UNDER_REVIEW = "under_review", _("Under review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = ReleaseStatus
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.UNDER_REVIEW}),
    S.UNDER_REVIEW: frozenset({S.PUBLISHED, S.DRAFT}),  # published, or returned to the preparer
    S.PUBLISHED: frozenset({S.WITHDRAWN}),
    S.WITHDRAWN: frozenset(),
}
PUBLIC_STATUSES = frozenset({S.PUBLISHED, S.WITHDRAWN})  # listed publicly; only published files are served

ALREADY_IN_STATUS = _(
    "This release is already “%(current)s” (perhaps someone else did this just now): reload the page."
)
TRANSITION_NOT_ALLOWED = _("A release that is “%(current)s” cannot become “%(new)s”.")
SAME_PERSON = _("The release must be reviewed and published by someone other than the person who prepared it.")
PERIOD_NOT_OVER = _("Only a period that has ended can be released: %(period)s ends on %(end)s.")
REASON_REQUIRED = _("Give the reason.")


# The shared machine (common/workflow.py): a step to the status the release already has means someone else
# took it meanwhile (checked on the locked row) — a conflict.
WORKFLOW = Workflow(ReleaseStatus, TRANSITIONS, refused=TRANSITION_NOT_ALLOWED, already=ALREADY_IN_STATUS)
can_transition = WORKFLOW.can_transition
ensure_transition = WORKFLOW.ensure_transition


def ensure_four_eyes(*, prepared_by_id: int, submitted_by_id: int | None, reviewer_id: int) -> None:
    """The reviewer who publishes is a second person: neither the preparer nor who sent it for review."""
    if reviewer_id in (prepared_by_id, submitted_by_id):
        raise ValidationError(SAME_PERSON, code="four_eyes")


# Periods ---------------------------------------------------------------------------------------------------


def period_months(quarter: int) -> tuple[int, ...]:
    """The months of a quarter (1–4), or of the whole year (0)."""
    if quarter == 0:
        return tuple(range(1, 13))
    return tuple(range(3 * quarter - 2, 3 * quarter + 1))


def period_bounds(*, year: int, quarter: int) -> tuple[date, date]:
    """[first day, day after the last day) of the period."""
    months = period_months(quarter)
    start = date(year, months[0], 1)
    end = date(year + 1, 1, 1) if months[-1] == 12 else date(year, months[-1] + 1, 1)
    return start, end


def period_label(*, year: int, quarter: int) -> str:
    """民國115年 / 民國115年第1季 in Chinese, 2026 / 2026 Q1 in English (the active language decides)."""
    if is_chinese():
        return f"民國{roc_year(year)}年" + (f"第{quarter}季" if quarter else "")
    return f"{year}" + (f" Q{quarter}" if quarter else "")


def ensure_period_over(*, year: int, quarter: int, today: date, label: str) -> None:
    """A release describes a closed period, so a draft regenerated later shows the same period."""
    _start, end = period_bounds(year=year, quarter=quarter)
    if today < end:
        last = date.fromordinal(end.toordinal() - 1)
        raise ValidationError(PERIOD_NOT_OVER, code="period", params={"period": label, "end": last.isoformat()})


# Statistical disclosure control ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One figure and the number of distinct agencies behind it (its contributors)."""

    value: int
    contributors: int


@dataclass(frozen=True)
class Table:
    """A two-way table with its margins: ``cells[(row, col)]``, ``row_totals[row]``, ``col_totals[col]``,
    ``total``. A margin need not be the sum of its line (an agency in two sectors counts in both rows)."""

    rows: tuple[str, ...]
    cols: tuple[str, ...]
    cells: dict[tuple[str, str], Cell]
    row_totals: dict[str, Cell]
    col_totals: dict[str, Cell]
    total: Cell


TOTAL = "total"
PRIMARY = "primary"  # fewer contributors than the minimum cell size
COMPLEMENTARY = "complementary"  # suppressed so that a primary cell cannot be recovered from a total


def is_sensitive(cell: Cell, *, min_cell_size: int) -> bool:
    """The threshold rule: a figure with at least one but fewer than ``min_cell_size`` contributing
    agencies could point at them. A true zero names nobody and is published."""
    return 0 < cell.contributors < min_cell_size


def entries(table: Table) -> dict[tuple[str, str], Cell]:
    """Every published figure under one key: inner cells, (row, TOTAL), (TOTAL, col), (TOTAL, TOTAL)."""
    found = dict(table.cells)
    found.update({(row, TOTAL): cell for row, cell in table.row_totals.items()})
    found.update({(TOTAL, col): cell for col, cell in table.col_totals.items()})
    found[(TOTAL, TOTAL)] = table.total
    return found


def lines(table: Table) -> list[list[tuple[str, str]]]:
    """Each row and column with its total (the margins' row and column too): one equation each."""
    rows, cols = (*table.rows, TOTAL), (*table.cols, TOTAL)
    return [[(row, col) for col in cols] for row in rows] + [[(row, col) for row in rows] for col in cols]


def suppress(table: Table, *, min_cell_size: int) -> dict[tuple[str, str], str]:
    """Which figures to suppress and why: ``{key: PRIMARY | COMPLEMENTARY}``.

    Primary: every sensitive figure (inner cell or margin). Complementary: while some line (a row or
    column with its total) holds exactly one suppressed figure — which its total would give away — one
    more figure of that line is suppressed: the smallest non-zero inner cell, else an inner zero, else
    the total. Every line treated as an equation, whether or not its total adds up, so the rule is safe
    when the lines do add up. Deterministic: ties go to the earlier key in table order."""
    figures = entries(table)
    marks = {key: PRIMARY for key, cell in figures.items() if is_sensitive(cell, min_cell_size=min_cell_size)}
    equations = lines(table)
    changed = True
    while changed:
        changed = False
        for line in equations:
            if sum(1 for key in line if key in marks) == 1:
                marks[_complement(line, figures, marks)] = COMPLEMENTARY
                changed = True
    return marks


def _complement(line: list[tuple[str, str]], figures: dict[tuple[str, str], Cell], marks: dict) -> tuple[str, str]:
    candidates = [(index, key) for index, key in enumerate(line) if key not in marks]
    inner = [(index, key) for index, key in candidates if TOTAL not in key]
    nonzero = [(figures[key].value, index, key) for index, key in inner if figures[key].value > 0]
    if nonzero:
        return min(nonzero)[2]
    if inner:
        return inner[0][1]
    return candidates[0][1]


def suppress_rows(rows: dict[str, Cell], total: Cell, *, min_cell_size: int) -> dict[str, str]:
    """A one-way table (e.g. compliance per sector) with its total: the same rule, one column."""
    table = Table(
        rows=tuple(rows),
        cols=("value",),
        cells={(key, "value"): cell for key, cell in rows.items()},
        row_totals=dict(rows),
        col_totals={"value": total},
        total=total,
    )
    marks = suppress(table, min_cell_size=min_cell_size)
    found = {key: marks[(key, "value")] for key in rows if (key, "value") in marks}
    if (TOTAL, "value") in marks:
        found[TOTAL] = marks[(TOTAL, "value")]
    return found
