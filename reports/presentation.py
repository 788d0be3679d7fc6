"""Labels and charts for the dashboard and compliance pages (translated here, never stored codes)."""

import calendar

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from incidents.rules import IncidentLevel
from infrastructure.models import AgencyKind, ResponsibilityLevel
from reports import charts
from reports.dashboards import DashboardData

CLOCK_LABELS = {
    "notify": _("Notification"),
    "review": _("Review"),
    "forward": _("Forwarding"),
    "recover": _("Damage control or recovery"),
    "report": _("Investigation report"),
}
BAND_LABELS = {
    "below_50": _("below 50%"),
    "50_70": _("50% to under 70%"),
    "70_90": _("70% to under 90%"),
    "90_100": _("90% to under 100%"),
    "100": _("100% (fully compliant)"),
    "none": _("nothing due yet"),
}


def level_label(level: str) -> str:
    return str(ResponsibilityLevel(level).label) if level else str(_("no level"))


def kind_label(kind: str) -> str:
    return str(AgencyKind(kind).label) if kind else ""


def month_label(month: int) -> str:
    """1 → "1月" on Chinese pages, "Jan" on English ones."""
    if (translation.get_language() or "").startswith("zh"):
        return f"{month}月"
    return calendar.month_abbr[month]


def compliance_by_level_chart(data: DashboardData):
    bars = [
        charts.Bar(label=level_label(row.key), value=float(row.rate or 0), text=charts.rate_text(row.rate))
        for row in data.compliance_by_level
    ]
    return charts.horizontal_bars(title=str(_("Compliance by level")), bars=bars, maximum=100)


def incidents_by_month_chart(data: DashboardData):
    series = [
        charts.Series(
            name=str(IncidentLevel(level).label),
            values=tuple(count for month, lv, count in data.incidents.by_month if lv == level),
        )
        for level in IncidentLevel.values
    ]
    categories = [month_label(month) for month in range(1, 13)]
    return charts.stacked_columns(title=str(_("Incidents by month and level")), categories=categories, series=series)


def open_clocks_chart(data: DashboardData):
    categories = [str(CLOCK_LABELS[kind]) for kind, _running, _overdue in data.open_clocks]
    series = [
        charts.Series(name=str(_("running")), values=tuple(running for _k, running, _o in data.open_clocks)),
        charts.Series(name=str(_("overdue")), values=tuple(overdue for _k, _r, overdue in data.open_clocks)),
    ]
    return charts.grouped_bars(title=str(_("Open incident clocks")), categories=categories, series=series)


def clocks_on_time_chart(data: DashboardData):
    bars = [
        charts.Bar(
            label=str(CLOCK_LABELS[clock.kind]),
            value=float(clock.on_time_rate or 0),
            text=charts.rate_text(clock.on_time_rate),
        )
        for clock in data.clocks
    ]
    return charts.horizontal_bars(title=str(_("Clocks met on time")), bars=bars, maximum=100)


def bands_chart(data: DashboardData):
    bars = [charts.Bar(label=str(BAND_LABELS[b.key]), value=b.count, text=f"{b.count:,}") for b in data.bands]
    return charts.horizontal_bars(title=str(_("Agencies by compliance band")), bars=bars)


def dashboard_charts(data: DashboardData) -> dict:
    return {
        "compliance_by_level": compliance_by_level_chart(data),
        "incidents_by_month": incidents_by_month_chart(data),
        "open_clocks": open_clocks_chart(data),
        "clocks_on_time": clocks_on_time_chart(data),
        "bands": bands_chart(data),
    }


def rate_label(rate) -> str:
    return charts.rate_text(rate)
