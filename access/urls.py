from django.urls import path

from access import views

app_name = "access"

urlpatterns = [
    path("account/", views.account_view, name="account"),
    path("invitations/", views.invitation_list_view, name="invitation_list"),
    path("invitations/new/", views.invitation_create_view, name="invitation_create"),
    path("invitations/<int:invitation_id>/cancel/", views.invitation_cancel_view, name="invitation_cancel"),
    path("users/", views.user_list_view, name="user_list"),
    path("users/<int:user_id>/active/", views.user_set_active_view, name="user_set_active"),
    path("trail/", views.trail_search_view, name="trail"),
    path("trail/export.xlsx", views.trail_export_view, name="trail_export"),
    path("agencies/<int:agency_id>/history/", views.agency_history_view, name="agency_history"),
]
