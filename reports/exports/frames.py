"""The figures and the per-agency rows as pandas DataFrames with translated headers (pure: no database)."""

import pandas as pd
from django.utils.translation import gettext as _

from common.templatetags.csma_dates import local_year_label
from reports import presentation
from reports.figures.types import AgencyRow, KeyFigures


def _pct(value):
    return None if value is None else float(value)


def summary_frame(data: KeyFigures) -> pd.DataFrame:
    total = data.compliance_total
    rows = [
        (_("Year"), local_year_label(data.year)),
        (_("Agencies"), data.agencies.total),
        (_("Items counted"), total.counted),
        (_("Accepted on time"), total.accepted_on_time),
        (_("Accepted late"), total.accepted_late),
        (_("Exempt"), total.exempt),
        (_("Items overdue"), data.overdue_count),
        (_("Compliance rate (%)"), _pct(total.rate)),
        (_("Level re-approvals overdue"), data.reapprovals_overdue),
        (_("Incidents"), data.incidents.total),
    ]
    return pd.DataFrame(rows, columns=[_("Figure"), _("Value")])


def agencies_frame(data: KeyFigures) -> pd.DataFrame:
    counts = {(level, kind): count for level, kind, count in data.agencies.by_level_and_kind}
    kinds = [kind.key for kind in data.agencies.by_kind]
    rows = [
        [presentation.level_label(level.key)] + [counts.get((level.key, kind), 0) for kind in kinds] + [level.count]
        for level in data.agencies.by_level
    ]
    columns = [_("Level")] + [presentation.kind_label(kind) for kind in kinds] + [_("Total")]
    return pd.DataFrame(rows, columns=columns)


def compliance_frame(figures_, *, label) -> pd.DataFrame:
    rows = [
        (label(f), f.counted, f.accepted_on_time, f.accepted_late, f.exempt, f.overdue, f.awaiting_review, _pct(f.rate))
        for f in figures_
    ]
    columns = [
        _("Group"),
        _("Items counted"),
        _("Accepted on time"),
        _("Accepted late"),
        _("Exempt"),
        _("Overdue"),
        _("Awaiting review"),
        _("Compliance rate (%)"),
    ]
    return pd.DataFrame(rows, columns=columns)


def clocks_frame(data: KeyFigures) -> pd.DataFrame:
    rows = [
        (
            str(presentation.CLOCK_LABELS[c.kind]),
            c.total,
            c.met_on_time,
            c.met_late,
            c.open_overdue,
            c.open_running,
            _pct(c.on_time_rate),
            c.median_minutes,
            c.p90_minutes,
        )
        for c in data.clocks
    ]
    columns = [
        _("Clock"),
        _("Total"),
        _("On time"),
        _("Late"),
        _("Missed, still open"),
        _("Running"),
        _("On-time rate (%)"),
        _("Median (min)"),
        _("90th percentile (min)"),
    ]
    return pd.DataFrame(rows, columns=columns)


def incidents_frame(data: KeyFigures) -> pd.DataFrame:
    by_cell = {(month, level): count for month, level, count in data.incidents.by_month}
    rows = [[presentation.month_label(m)] + [by_cell.get((m, lv), 0) for lv in (1, 2, 3, 4)] for m in range(1, 13)]
    columns = [_("Month")] + [_("Level %(level)s") % {"level": level} for level in (1, 2, 3, 4)]
    return pd.DataFrame(rows, columns=columns)


def drills_frame(data: KeyFigures) -> pd.DataFrame:
    labels = {
        "social_engineering": _("Social-engineering drill"),
        "incident_response": _("Incident notification and response drill"),
    }
    rows = [
        (
            str(labels[d.kind]),
            d.assigned,
            d.conducted,
            d.conducted_in_period,
            d.not_conducted_overdue,
            d.results_submitted,
            d.results_on_time,
            d.participants,
        )
        for d in data.drills
    ]
    columns = [
        _("Drill"),
        _("Assigned"),
        _("Conducted"),
        _("Conducted in period"),
        _("Not conducted, period over"),
        _("Results submitted"),
        _("Results on time"),
        _("Participants"),
    ]
    return pd.DataFrame(rows, columns=columns)


def bands_frame(data: KeyFigures) -> pd.DataFrame:
    rows = [(str(presentation.BAND_LABELS[b.key]), b.count) for b in data.bands]
    return pd.DataFrame(rows, columns=[_("Compliance band"), _("Agencies")])


def figure_sheets(data: KeyFigures) -> dict[str, pd.DataFrame]:
    return {
        _("Summary"): summary_frame(data),
        _("Agencies by level"): agencies_frame(data),
        _("Compliance by level"): compliance_frame(
            data.compliance_by_level, label=lambda f: presentation.level_label(f.key)
        ),
        _("Compliance by item"): compliance_frame(data.compliance_by_item, label=lambda f: f.label),
        _("Items least met"): compliance_frame(data.least_met, label=lambda f: f.label),
        _("Compliance bands"): bands_frame(data),
        _("Incidents by month"): incidents_frame(data),
        _("Incident clocks"): clocks_frame(data),
        _("Drills"): drills_frame(data),
    }


def agency_rows_frame(rows: list[AgencyRow]) -> pd.DataFrame:
    records = [
        (
            r.name,
            presentation.kind_label(r.kind),
            presentation.level_label(r.level) if r.level else "",
            r.regulator_name,
            r.parent_name,
            r.assigned,
            r.counted,
            r.compliant,
            r.overdue,
            _pct(r.rate),
            *r.incidents_by_level,
            r.clocks_missed,
        )
        for r in rows
    ]
    columns = [
        _("Agency"),
        _("Kind"),
        _("Level"),
        _("Sector regulator"),
        _("Superior agency"),
        _("Items assigned"),
        _("Items counted"),
        _("Accepted or exempt"),
        _("Overdue"),
        _("Compliance rate (%)"),
        *[_("Level %(level)s incidents") % {"level": level} for level in (1, 2, 3, 4)],
        _("Clocks missed"),
    ]
    return pd.DataFrame.from_records(records, columns=columns)
