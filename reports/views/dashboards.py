"""Each role's landing page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from reports import presentation
from reports.dashboards import DashboardKind, dashboard_data_cached, dashboard_scope_for, year_choices
from reports.views._helpers import picked_year


@login_required
def dashboard_view(request):
    scope = dashboard_scope_for(user=request.user)
    if scope is None:  # auditors and observers land where their work is
        if request.user.has_perm("incidents.view_forwarded_incidents"):
            return redirect("incidents:national")
        return redirect("audits:plan_list")  # auditors: the audits they are on
    year, now = picked_year(request), timezone.now()
    data, charts = dashboard_data_cached(agencies=scope.agencies, year=year, today=timezone.localdate(), now=now)
    context = {
        "scope": scope,
        "title": DashboardKind(scope.kind).label,
        "data": data,
        "charts": charts,
        "clock_labels": presentation.CLOCK_LABELS,
        "years": year_choices(today=timezone.localdate()),
        "is_supervisor": scope.kind != DashboardKind.AGENCY,
    }
    return render(request, "reports/dashboard.html", context)
