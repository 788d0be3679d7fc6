"""Dashboards and compliance pages (one per role), their exports."""

from django.urls import path

from reports.views import compliance, dashboards, exports

urlpatterns = [
    path("dashboard/", dashboards.dashboard_view, name="dashboard"),
    path("compliance/", compliance.compliance_view, name="compliance"),
    path("compliance/agencies/<int:agency_id>/", compliance.agency_compliance_view, name="agency_compliance"),
    path("export/figures.<str:file_format>", exports.export_figures_view, name="export_figures"),
    path("export/key-figures.odt", exports.export_odt_view, name="export_odt"),
    path("export/<str:dataset>.<str:file_format>", exports.export_rows_view, name="export_rows"),
]
