"""Every write of the reports app. Re-exported here; see documents.py and batches.py."""

from reports.services.batches import batch_item_run, batch_start
from reports.services.documents import (
    report_correct,
    report_download_log,
    report_draft_open,
    report_draft_save,
    report_generate,
    report_issue,
    report_preview,
    report_rerender_matches,
    report_verify,
    sector_report_for_export,
)

__all__ = [
    "batch_item_run",
    "batch_start",
    "report_correct",
    "report_download_log",
    "report_draft_open",
    "report_draft_save",
    "report_generate",
    "report_issue",
    "report_preview",
    "report_rerender_matches",
    "report_verify",
    "sector_report_for_export",
]
