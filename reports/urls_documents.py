"""Generated documents: the per-sector compliance PDFs and the other reports, batches, verification."""

from django.urls import path

from reports import views_documents as views
from reports.views_documents import audits as audit_views

urlpatterns = [
    path("documents/", views.report_list_view, name="list"),
    path("documents/generate/<str:kind>/", views.report_generate_view, name="generate"),
    path("documents/verify/", views.report_verify_view, name="verify"),
    path("documents/<int:report_id>/", views.report_detail_view, name="detail"),
    path("documents/<int:report_id>/download/", views.report_download_view, name="download"),
    path("documents/<int:report_id>/preview/", views.report_preview_view, name="preview"),
    path("documents/<int:report_id>/observations/", views.report_observations_view, name="observations"),
    path("documents/<int:report_id>/notes/", views.report_note_view, name="note"),
    path("documents/<int:report_id>/issue/", views.report_issue_view, name="issue"),
    path("documents/<int:report_id>/correct/", views.report_correct_view, name="correct"),
    path("documents/<int:report_id>/rerender/", views.report_rerender_view, name="rerender"),
    path("documents/incident/<int:incident_id>/", views.incident_pdf_view, name="incident_pdf"),
    path("documents/audit/<int:audit_id>/notice.pdf", audit_views.audit_notice_pdf_view, name="audit_notice_pdf"),
    path("documents/audit/<int:audit_id>/report.pdf", audit_views.audit_report_pdf_view, name="audit_report_pdf"),
    path("documents/batches/start/", views.batch_start_view, name="batch_start"),
    path("documents/batches/<int:batch_id>/", views.batch_detail_view, name="batch"),
    path("documents/batches/<int:batch_id>/progress/", views.batch_progress_view, name="batch_progress"),
    path("documents/batches/<int:batch_id>/zip/", views.batch_download_view, name="batch_zip"),
]
