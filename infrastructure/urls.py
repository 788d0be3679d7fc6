from django.urls import path

from infrastructure import import_views, level_views, views

app_name = "infrastructure"

urlpatterns = [
    path("agencies/", views.agency_list_view, name="agency_list"),
    path("agencies/search.json", views.agency_search_view, name="agency_search"),
    path("agencies/export.<str:file_format>", views.agency_export_view, name="agency_export"),
    path("agencies/<int:agency_id>/", views.agency_detail_view, name="agency_detail"),
    path("agencies/<int:agency_id>/levels/propose/", level_views.level_propose_view, name="level_propose"),
    path("levels/<int:decision_id>/submit/", level_views.level_submit_view, name="level_submit"),
    path("levels/<int:decision_id>/approve/", level_views.level_approve_view, name="level_approve"),
    path("levels/<int:decision_id>/reject/", level_views.level_reject_view, name="level_reject"),
    path("levels/<int:decision_id>/file/", level_views.level_file_view, name="level_file"),
    path("imports/new/", import_views.import_upload_view, name="import_upload"),
    path("imports/<int:import_id>/", import_views.import_preview_view, name="import_preview"),
    path("imports/<int:import_id>/confirm/", import_views.import_confirm_view, name="import_confirm"),
    path("imports/<int:import_id>/errors.csv", import_views.import_errors_view, name="import_errors"),
    path("imports/<int:import_id>/progress.json", import_views.import_progress_view, name="import_progress"),
]
