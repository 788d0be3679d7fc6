"""Open data: the public list, each release and its files (public once published), the competent
authority's steps (one URL per action)."""

from django.urls import path

from opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.release_list_view, name="opendata_releases"),
    path("prepare/", views.release_prepare_view, name="prepare"),
    path("<int:release_id>/", views.release_detail_view, name="opendata_release"),
    path("<int:release_id>/files/<str:name>", views.release_file_view, name="opendata_file"),
    *(
        path(f"<int:release_id>/{action}/", views.release_action_view, {"action": action}, name=action)
        for action in views.ACTIONS
    ),
]
