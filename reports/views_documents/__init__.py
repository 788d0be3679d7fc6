from reports.views_documents.batches import (
    batch_detail_view,
    batch_download_view,
    batch_progress_view,
    batch_start_view,
)
from reports.views_documents.documents import (
    report_correct_view,
    report_detail_view,
    report_download_view,
    report_generate_view,
    report_issue_view,
    report_list_view,
    report_note_view,
    report_observations_view,
    report_preview_view,
    report_rerender_view,
)
from reports.views_documents.verify import incident_pdf_view, report_verify_view

__all__ = [
    "batch_detail_view",
    "batch_download_view",
    "batch_progress_view",
    "batch_start_view",
    "incident_pdf_view",
    "report_correct_view",
    "report_detail_view",
    "report_download_view",
    "report_generate_view",
    "report_issue_view",
    "report_list_view",
    "report_note_view",
    "report_observations_view",
    "report_preview_view",
    "report_rerender_view",
    "report_verify_view",
]
