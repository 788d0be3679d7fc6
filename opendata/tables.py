"""Pure: count records into a two-way table with margins (opendata.rules.Table), counting each figure's
contributing agencies, so the threshold rule can be applied. No ORM."""

from collections import defaultdict
from collections.abc import Iterable

from opendata.rules import Cell, Table


def tabulate(
    records: Iterable[tuple[int, tuple[str, ...], str]], *, rows: tuple[str, ...], cols: tuple[str, ...]
) -> Table:
    """``records``: one (agency id, its row keys, column key) per counted unit (an incident, an agency). A unit
    with several row keys (an agency in two sectors) counts once in each row, once in its column total and
    once in the grand total."""
    counts: dict = defaultdict(int)
    agencies: dict = defaultdict(set)

    def add(key, agency_id: int) -> None:
        counts[key] += 1
        agencies[key].add(agency_id)

    for agency_id, row_keys, col in records:
        for row in row_keys:
            add((row, col), agency_id)
            add(("row", row), agency_id)
        add(("col", col), agency_id)
        add(("all",), agency_id)

    def cell(key) -> Cell:
        return Cell(value=counts.get(key, 0), contributors=len(agencies.get(key, ())))

    return Table(
        rows=rows,
        cols=cols,
        cells={(row, col): cell((row, col)) for row in rows for col in cols},
        row_totals={row: cell(("row", row)) for row in rows},
        col_totals={col: cell(("col", col)) for col in cols},
        total=cell(("all",)),
    )
