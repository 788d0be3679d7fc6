"""Scoped aggregate figures for dashboards, compliance pages, exports and the PDF reports.

Every selector is keyword-only, takes a queryset of agencies already narrowed by the access rules (a
sector, a subtree, everything, one agency) and a year, and returns frozen dataclasses of primitives
(reports/figures/types.py) in a constant number of queries, whatever the number of agencies.
"""

from reports.figures.agencies import agency_rows, missed_clock_q  # noqa: F401
from reports.figures.compliance import (  # noqa: F401
    BANDS,
    NO_BAND,
    band_of,
    bands_from_rates,
    combine,
    compliance_bands,
    compliance_by_item,
    compliance_by_level,
    compliance_total,
    least_met,
    overdue_count,
    overdue_items,
)
from reports.figures.current import open_clocks, upcoming_deadline_count, upcoming_deadlines  # noqa: F401
from reports.figures.incidents import (  # noqa: F401
    CLOCKS,
    clock_figure,
    clock_figures,
    drill_figures,
    incidents_by_level_and_month,
)
from reports.figures.registry import (  # noqa: F401
    agencies_by_level_and_kind,
    reapprovals_overdue,
    reapprovals_overdue_count,
    reapprovals_upcoming,
)
from reports.figures.scope import (  # noqa: F401
    as_of_date,
    scoped_clocks,
    scoped_drills,
    scoped_incidents,
    scoped_obligations,
    year_bounds,
)
from reports.figures.summary import key_figures  # noqa: F401
from reports.figures.types import (  # noqa: F401
    AgencyCounts,
    AgencyRow,
    BandCount,
    ClockFigure,
    ComplianceFigure,
    CountBy,
    DrillFigure,
    IncidentCounts,
    KeyFigures,
    OverdueItem,
    ReapprovalDue,
)
