"""The frozen snapshot every report is rendered from: primitives only (str, int, date, datetime, Decimal),
no model instances. Builders (reports.builders) fill it; renderers (reports.pdf) read it; the service
stores it as JSON (reports.snapshot) so an issued report can be re-rendered and proven identical.

Labels that come from the data (sector, level, item, clock, drill names) are resolved by the builder in
the report's language, so the renderer never needs the database.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

LEVELS = ("A", "B", "C", "D", "E")
INCIDENT_LEVELS = (1, 2, 3, 4)


def percent(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator * 100) / Decimal(denominator)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class ReportHeader:
    kind: str  # reports.models.ReportKind value
    language: str  # "zh-hant" | "en"
    subject: str  # sector / agency / incident name, in the report's language
    year: int | None
    number: str  # report number; empty for a draft preview
    version: int
    issuer: str  # issuing authority
    classification: str  # marking printed on every page, e.g. 限閱
    generated_at: datetime
    is_draft: bool = False
    correction_reason: str = ""
    supersedes_number: str = ""


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    value: int


@dataclass(frozen=True)
class Compliance:
    """Items DUE by the cut-off date: met on time / late (accepted), exempt, and the rest unmet."""

    key: str
    label: str
    due: int
    on_time: int
    late: int
    exempt: int

    @property
    def met(self) -> int:
        return self.on_time + self.late + self.exempt

    @property
    def unmet(self) -> int:
        return self.due - self.met

    @property
    def rate(self) -> Decimal | None:
        return percent(self.met, self.due)


@dataclass(frozen=True)
class ClockFigure:
    kind: str
    label: str
    total: int  # clocks that fell due (met, or past due unmet)
    on_time: int
    median_minutes: int | None
    p90_minutes: int | None

    @property
    def rate(self) -> Decimal | None:
        return percent(self.on_time, self.total)


@dataclass(frozen=True)
class MonthFigure:
    month: int
    by_level: tuple[int, ...]  # incidents of level 1..4


@dataclass(frozen=True)
class DrillFigure:
    kind: str
    label: str
    assigned: int
    conducted: int
    results_on_time: int
    results_late: int


@dataclass(frozen=True)
class YearFigures:
    year: int
    cutoff: date  # items due on or before this date count
    agencies: int
    agencies_by_level: tuple[Count, ...]
    agencies_by_kind: tuple[Count, ...]
    compliance: Compliance
    compliance_by_level: tuple[Compliance, ...]
    compliance_by_item: tuple[Compliance, ...]
    overdue_items: int
    reapprovals_overdue: int
    incidents_by_level: tuple[int, ...]
    incidents_by_month: tuple[MonthFigure, ...]
    clocks: tuple[ClockFigure, ...]
    drills: tuple[DrillFigure, ...]
    bands: tuple[Count, ...]

    @property
    def incidents(self) -> int:
        return sum(self.incidents_by_level)


@dataclass(frozen=True)
class AgencyRow:
    agency_id: int
    name: str
    level: str
    due: int
    met: int
    overdue: int
    incidents_by_level: tuple[int, ...]
    clocks_missed: int
    last_audit: date | None = None  # filled by the audits app
    open_findings: int | None = None

    @property
    def rate(self) -> Decimal | None:
        return percent(self.met, self.due)


@dataclass(frozen=True)
class OverdueRow:
    agency: str
    item: str
    due_on: date
    days_overdue: int


@dataclass(frozen=True)
class AgencyNote:
    agency: str
    text: str


@dataclass(frozen=True)
class Observations:
    observations: str = ""
    recommendations: str = ""
    agency_notes: tuple[AgencyNote, ...] = ()


@dataclass(frozen=True)
class Section:
    """A section another app contributes (e.g. audits): a titled table; no rows renders "無資料"."""

    key: str
    title: str
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    note: str = ""


@dataclass(frozen=True)
class SectorSummary:
    """The annual compliance summary of a sector (also: a superior agency's subtree, kind "subtree")."""

    header: ReportHeader
    current: YearFigures
    previous: YearFigures | None
    agencies: tuple[AgencyRow, ...]
    overdue: tuple[OverdueRow, ...]
    observations: Observations = field(default_factory=Observations)
    sections: tuple[Section, ...] = ()
    least_met_top: int = 10


@dataclass(frozen=True)
class SectorLine:
    name: str
    agencies: int
    compliance: Compliance
    overdue_items: int
    incidents: int
    clocks_on_time_rate: Decimal | None


@dataclass(frozen=True)
class NationalOverview:
    header: ReportHeader
    current: YearFigures
    previous: YearFigures | None
    sectors: tuple[SectorLine, ...]
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class YearPoint:
    year: int
    agency_rate: Decimal | None
    sector_rate: Decimal | None
    level_rate: Decimal | None


@dataclass(frozen=True)
class Scorecard:
    header: ReportHeader
    agency: str
    level: str
    sector: str
    current: Compliance
    history: tuple[YearPoint, ...]  # oldest first, the report year last
    weakest: tuple[Compliance, ...]
    overdue: tuple[OverdueRow, ...]
    incidents_by_level: tuple[int, ...]
    clocks_missed: int
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Field:
    label: str
    value: str


@dataclass(frozen=True)
class ClockLine:
    label: str
    started_at: datetime
    due_at: datetime
    met_at: datetime | None
    state: str


@dataclass(frozen=True)
class TimelineLine:
    at: datetime
    label: str
    actor: str
    detail: str
    kind: str = ""


@dataclass(frozen=True)
class IncidentSheet:
    header: ReportHeader
    fields: tuple[Field, ...]
    clocks: tuple[ClockLine, ...]
    timeline: tuple[TimelineLine, ...]
    reviews: tuple[TimelineLine, ...]


@dataclass(frozen=True)
class AuditDocument:
    """An audit's written notice (稽核辦法 Art 4) or its audit report (Art 7): fields, then tables."""

    header: ReportHeader
    title: str
    fields: tuple[Field, ...]
    tables: tuple[Section, ...] = ()
    closing: str = ""
