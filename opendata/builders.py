"""ORM → frozen, suppressed tables: the only place open data queries. Counts come from the same scoped
querysets and compliance selector the reports use (reports.figures.scope, obligations' compliance rates),
over the whole registry; no agency name or id leaves this module (only counts of them)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.db.models.functions import ExtractMonth
from django.utils import translation

from common.periods import TAIPEI
from common.roc import roc_year
from incidents.models import IncidentType
from incidents.rules import IncidentLevel
from infrastructure.models import Agency, ResponsibilityLevel, Sector
from infrastructure.selectors import agency_annotate_level
from obligations.selectors.compliance import obligation_compliance_rates, percent
from opendata import dictionary as dd
from opendata.rules import TOTAL, Cell, Table, period_bounds, period_months, suppress, suppress_rows
from opendata.tables import tabulate
from reports.figures.scope import scoped_incidents, scoped_obligations

LEVELS = tuple(str(level) for level in IncidentLevel.values)
AGENCY_LEVELS = (*ResponsibilityLevel.values, dd.NO_LEVEL)


@dataclass(frozen=True)
class Dataset:
    slug: str
    records: tuple[tuple, ...]  # values in the order of the dictionary's fields; None = suppressed or empty
    suppressed: tuple[tuple[str, str, str], ...]  # (row, col, primary|complementary), for the reviewers only


@dataclass(frozen=True)
class ReleaseData:
    year: int
    quarter: int
    min_cell_size: int
    datasets: tuple[Dataset, ...]


def build_release(*, year: int, quarter: int, min_cell_size: int) -> ReleaseData:
    _start, end = period_bounds(year=year, quarter=quarter)
    sectors = _sectors()
    period = (year, roc_year(year), quarter)
    incidents = _incident_rows(year=year, quarter=quarter)
    memberships = _memberships()
    datasets = (
        _month_level(incidents, period=period, quarter=quarter, k=min_cell_size),
        _sector_level(incidents, memberships, sectors, period=period, k=min_cell_size),
        _type_level(incidents, period=period, k=min_cell_size),
        _agencies(memberships, sectors, period=period, on=end - timedelta(days=1), k=min_cell_size),
        _compliance(memberships, sectors, period=period, year=year, today=end, k=min_cell_size),
    )
    return ReleaseData(year=year, quarter=quarter, min_cell_size=min_cell_size, datasets=datasets)


def _sectors() -> dict[str, tuple[str, str]]:
    """code → (zh, en), in the registry's order, then the agencies of no sector."""
    found = {code: (zh, en or zh) for code, zh, en in Sector.objects.values_list("code", "name_zh", "name_en")}
    return {**found, dd.NO_SECTOR[0]: dd.NO_SECTOR[1:]}


def _memberships() -> dict[int, tuple[str, ...]]:
    """agency id → its sector codes (("none",) when it has none): one query."""
    found: dict[int, list[str]] = defaultdict(list)
    for agency_id, code in Agency.sectors.through.objects.values_list("agency_id", "sector__code").order_by():
        found[agency_id].append(code)
    return defaultdict(lambda: (dd.NO_SECTOR[0],), {key: tuple(sorted(v)) for key, v in found.items()})


def _incident_rows(*, year: int, quarter: int) -> list[tuple[int, str, str, str]]:
    """(agency id, month, level, type) of every notified incident of the period: one query."""
    start, end = period_bounds(year=year, quarter=quarter)
    low, high = (datetime(d.year, d.month, d.day, tzinfo=TAIPEI) for d in (start, end))
    rows = (
        scoped_incidents(agencies=Agency.objects.all(), year=year)
        .filter(aware_at__gte=low, aware_at__lt=high)
        .annotate(month=ExtractMonth("aware_at", tzinfo=TAIPEI))
        .values_list("agency_id", "month", "level", "incident_type")
        .order_by()
    )
    return [(agency_id, str(month), str(level), kind) for agency_id, month, level, kind in rows]


def _cells(table: Table, *, k: int, row_label, col_label, period: tuple) -> Dataset:
    """Long format: one record per figure (inner cells, then row totals, column totals, grand total)."""
    marks = suppress(table, min_cell_size=k)
    figures = {**table.cells}
    figures.update({(row, TOTAL): cell for row, cell in table.row_totals.items()})
    figures.update({(TOTAL, col): cell for col, cell in table.col_totals.items()})
    figures[(TOTAL, TOTAL)] = table.total
    order = [(row, col) for row in (*table.rows, TOTAL) for col in (*table.cols, TOTAL)]
    records = tuple(
        (
            *period,
            *row_label(row),
            *col_label(col),
            None if (row, col) in marks else figures[(row, col)].value,
            (row, col) in marks,
        )
        for row, col in order
    )
    return Dataset(slug="", records=records, suppressed=tuple((r, c, why) for (r, c), why in sorted(marks.items())))


def _named(dataset: Dataset, slug: str) -> Dataset:
    return Dataset(slug=slug, records=dataset.records, suppressed=dataset.suppressed)


def _month_level(incidents, *, period: tuple, quarter: int, k: int) -> Dataset:
    months = tuple(str(m) for m in period_months(quarter))
    table = tabulate(((a, (month,), level) for a, month, level, _t in incidents), rows=months, cols=LEVELS)
    data = _cells(table, k=k, row_label=lambda r: (r,), col_label=lambda c: (c,), period=period)
    return _named(data, "incidents-by-month-level")


def _sector_label(sectors: dict[str, tuple[str, str]]):
    return lambda code: (code, *(sectors.get(code) or ("合計", "Total")))


def _sector_level(incidents, memberships, sectors, *, period: tuple, k: int) -> Dataset:
    records = ((a, memberships[a], level) for a, _m, level, _t in incidents)
    table = tabulate(records, rows=tuple(sectors), cols=LEVELS)
    data = _cells(table, k=k, row_label=_sector_label(sectors), col_label=lambda c: (c,), period=period)
    return _named(data, "incidents-by-sector-level")


def _type_labels() -> dict[str, tuple[str, str]]:
    labels = {}
    for kind in IncidentType:
        with translation.override("zh-hant"):
            zh = str(kind.label)
        with translation.override("en"):
            labels[kind.value] = (zh, str(kind.label))
    return labels


def _type_level(incidents, *, period: tuple, k: int) -> Dataset:
    labels = _type_labels()
    table = tabulate(((a, (kind,), level) for a, _m, level, kind in incidents), rows=tuple(labels), cols=LEVELS)
    row_label = lambda code: (code, *(labels.get(code) or ("合計", "Total")))  # noqa: E731
    data = _cells(table, k=k, row_label=row_label, col_label=lambda c: (c,), period=period)
    return _named(data, "incidents-by-type-level")


def _agencies(memberships, sectors, *, period: tuple, on, k: int) -> Dataset:
    """Active agencies by sector and the level in force on the period's last day: one query (+ memberships)."""
    active: QuerySet = agency_annotate_level(Agency.objects.filter(is_active=True), on=on)
    records = ((pk, memberships[pk], level or dd.NO_LEVEL) for pk, level in active.values_list("pk", "current_level"))
    table = tabulate(records, rows=tuple(sectors), cols=AGENCY_LEVELS)
    data = _cells(table, k=k, row_label=_sector_label(sectors), col_label=lambda c: (c,), period=period)
    return _named(data, "agencies-by-sector-level")


def _compliance(memberships, sectors, *, period: tuple, year: int, today, k: int) -> Dataset:
    """Per sector: agencies with items counted, items counted and compliant, the rate (obligations' selector,
    per agency, as of the day after the period). Suppressed as a one-way table on the agencies."""
    base = scoped_obligations(agencies=Agency.objects.all(), year=year)
    per_agency = [row for row in obligation_compliance_rates(base=base, group_by="agency", today=today) if row.counted]
    sums: dict[str, list[int]] = {code: [0, 0, 0] for code in sectors}
    for row in per_agency:
        for code in memberships[row.key]:
            slot = sums.setdefault(code, [0, 0, 0])
            slot[0], slot[1], slot[2] = slot[0] + 1, slot[1] + row.counted, slot[2] + row.compliant
    total = [len(per_agency), sum(r.counted for r in per_agency), sum(r.compliant for r in per_agency)]
    cells = {code: Cell(value=values[0], contributors=values[0]) for code, values in sums.items()}
    marks = suppress_rows(cells, Cell(value=total[0], contributors=total[0]), min_cell_size=k)
    label = _sector_label(sectors)

    def record(code: str, values: list[int]) -> tuple:
        hidden = code in marks
        figures = (None,) * 4 if hidden else (*values, percent(values[2], values[1]))
        return (*period, *label(code), *figures, hidden)

    records = tuple(record(code, values) for code, values in sums.items()) + (record(TOTAL, total),)
    suppressed = tuple((code, "agencies", why) for code, why in sorted(marks.items()))
    return Dataset(slug="compliance-by-sector", records=records, suppressed=suppressed)
