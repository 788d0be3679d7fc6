"""Shared view steps for the report pages."""

from django.http import Http404
from django.utils import timezone

from reports.dashboards import DashboardScope, dashboard_scope_for, year_choices


def picked_year(request) -> int:
    """?year=YYYY when it is one of the years offered, else this year (Asia/Taipei)."""
    years = year_choices(today=timezone.localdate())
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return years[0]
    return year if year in years else years[0]


def scope_or_404(request) -> DashboardScope:
    """The user's dashboard scope; a role without one (auditor, observer) gets 404 for report pages."""
    scope = dashboard_scope_for(user=request.user)
    if scope is None:
        raise Http404
    return scope
