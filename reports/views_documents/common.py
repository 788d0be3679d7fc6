"""Shared steps of the report views: fetch in scope (404), check (403), stream a stored file (logged)."""

from django.http import FileResponse, Http404
from django.utils import timezone

from access.audit import read_log
from access.checks import found_or_404
from access.models import ReadEvent
from reports import documents_access as selectors
from reports import services
from reports.models import GeneratedReport


def report_or_404(request, report_id: int) -> GeneratedReport:
    return found_or_404(selectors.report_get_for_user, user=request.user, report_id=report_id)


def stream_report(request, report: GeneratedReport, *, channel: str = "web") -> FileResponse:
    """The issued PDF, its download logged twice: a ReportEvent and the access trail (page and API alike)."""
    if not report.is_issued or not report.file:
        raise Http404
    services.report_download_log(report=report, acting_user=request.user, channel=channel, now=timezone.now())
    read_log(
        user=request.user,
        action=ReadEvent.Action.DOWNLOAD,
        object_type="report",
        object_id=report.pk,
        description=report.number or "",
        data={"sha256": report.sha256} | ({} if channel == "web" else {"channel": channel}),
    )
    return FileResponse(
        report.file.open("rb"), as_attachment=True, filename=report.filename, content_type="application/pdf"
    )
