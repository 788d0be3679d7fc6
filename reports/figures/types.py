"""The frozen figures: primitives only (str, int, date, datetime, Decimal), so they render, export and
snapshot (dataclasses.asdict) without a database."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class CountBy:
    """One count under a key (a level letter, an agency kind, a clock kind …); ``key`` "" = none recorded."""

    key: str
    count: int


@dataclass(frozen=True)
class AgencyCounts:
    total: int
    by_level: tuple[CountBy, ...]  # A–E, then "" (no approved level)
    by_kind: tuple[CountBy, ...]  # government, sngo
    by_level_and_kind: tuple[tuple[str, str, int], ...]  # (level, kind, count)


@dataclass(frozen=True)
class ComplianceFigure:
    """Compliance of one group (a level, a required item, an agency): see obligations.selectors.compliance."""

    key: str
    label: str
    assigned: int
    counted: int
    accepted_on_time: int
    accepted_late: int
    exempt: int
    overdue: int
    awaiting_review: int
    rate: Decimal | None  # (accepted + exempt) / counted, percent with one decimal

    @property
    def compliant(self) -> int:
        return self.accepted_on_time + self.accepted_late + self.exempt

    @property
    def not_met(self) -> int:
        return self.counted - self.compliant


@dataclass(frozen=True)
class OverdueItem:
    obligation_id: int
    agency_id: int
    agency_name: str
    item: str
    level: str
    due_on: date
    days_overdue: int
    status: str  # open / returned


@dataclass(frozen=True)
class ReapprovalDue:
    agency_id: int
    agency_name: str
    level: str
    reapproval_due: date


@dataclass(frozen=True)
class BandCount:
    key: str  # below_50, 50_80, 80_95, 95_100, none
    lower: Decimal | None
    upper: Decimal | None  # exclusive, except 100 for the top band
    count: int


@dataclass(frozen=True)
class IncidentCounts:
    total: int
    by_level: tuple[CountBy, ...]  # "1" … "4"
    by_month: tuple[tuple[int, int, int], ...]  # (month 1–12, level, count), every month × level present


@dataclass(frozen=True)
class ClockFigure:
    """One legal clock over the incidents in scope: on time, late, still open."""

    kind: str  # notify / review / forward / recover / report
    total: int
    met_on_time: int
    met_late: int
    open_overdue: int  # not met and past its deadline (missed)
    open_running: int  # not met, deadline still ahead
    on_time_rate: Decimal | None  # met on time / (met + open overdue)
    median_minutes: int | None  # time from the clock's start to done, met clocks only (reports.figures.stats)
    p90_minutes: int | None  # nearest rank

    @property
    def missed(self) -> int:
        return self.met_late + self.open_overdue


@dataclass(frozen=True)
class DrillFigure:
    kind: str  # social_engineering / incident_response
    assigned: int
    conducted: int
    conducted_in_period: int
    not_conducted_overdue: int  # period over, not conducted
    results_submitted: int
    results_on_time: int
    participants: int


@dataclass(frozen=True)
class AgencyRow:
    """One agency in the per-agency table (dashboards, compliance pages, exports, the sector PDF)."""

    agency_id: int
    name: str
    kind: str
    level: str
    regulator_name: str
    parent_name: str
    assigned: int
    counted: int
    compliant: int
    overdue: int
    rate: Decimal | None
    incidents_by_level: tuple[int, int, int, int]  # levels 1–4
    clocks_missed: int
    band: str

    @property
    def incidents(self) -> int:
        return sum(self.incidents_by_level)


@dataclass(frozen=True)
class KeyFigures:
    """Everything of one scope and year in one value: what the dashboard, exports and PDFs print."""

    year: int
    as_of: date
    agencies: AgencyCounts
    compliance_total: ComplianceFigure
    compliance_by_level: tuple[ComplianceFigure, ...]
    compliance_by_item: tuple[ComplianceFigure, ...]
    overdue_count: int
    reapprovals_overdue: int
    incidents: IncidentCounts
    clocks: tuple[ClockFigure, ...]
    drills: tuple[DrillFigure, ...]
    least_met: tuple[ComplianceFigure, ...]
    bands: tuple[BandCount, ...]
