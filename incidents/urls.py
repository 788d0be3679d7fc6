from django.urls import path

from incidents import views

app_name = "incidents"

urlpatterns = [
    path("", views.incident_list_view, name="list"),
    path("file/", views.incident_file_view, name="file"),
    path("queue/", views.review_queue_view, name="queue"),
    path("national/", views.national_view, name="national"),
    path("drills/", views.drill_list_view, name="drills"),
    path("drills/assign/", views.drill_assign_view, name="drill_assign"),
    path("drills/<int:drill_id>/<str:step>/", views.drill_update_view, name="drill_update"),
    path("<int:incident_id>/", views.incident_detail_view, name="detail"),
    path("<int:incident_id>/timeline/", views.incident_timeline_view, name="timeline"),
    path("<int:incident_id>/submit/", views.incident_submit_view, name="submit"),
    path("<int:incident_id>/update/", views.incident_update_view, name="update"),
    path("<int:incident_id>/recover/", views.incident_recover_view, name="recover"),
    path("<int:incident_id>/report/", views.incident_report_view, name="report"),
    path("<int:incident_id>/attachments/", views.attachment_add_view, name="attachment_add"),
    path("<int:incident_id>/attachments/<int:attachment_id>/", views.attachment_download_view, name="attachment"),
    path("<int:incident_id>/measures/", views.measure_add_view, name="measure_add"),
    path("<int:incident_id>/measures/<int:measure_id>/complete/", views.measure_complete_view, name="measure_complete"),
    path("<int:incident_id>/review/", views.incident_review_view, name="review"),
    path("<int:incident_id>/forward/", views.incident_forward_view, name="forward"),
    path("<int:incident_id>/rereview/", views.incident_rereview_view, name="rereview"),
    path("<int:incident_id>/report/decision/", views.report_decide_view, name="report_decide"),
    path("<int:incident_id>/report/extend/", views.report_extend_view, name="report_extend"),
    path("<int:incident_id>/close/", views.incident_close_view, name="close"),
]
