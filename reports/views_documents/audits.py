"""An audit's written notice and its audit report as PDFs, for whoever may open the audit."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from access.audit import read_log
from access.checks import visible_or_404
from access.models import ReadEvent
from audits.models import Audit
from audits.selectors import audits_visible_to
from common import clock
from reports.builders.audit_documents import build_audit_notice, build_audit_report
from reports.pdf.audit import render_audit_document_pdf


def _audit_or_404(request, audit_id: int) -> Audit:
    return visible_or_404(audits_visible_to(user=request.user).prefetch_related("team__user"), pk=audit_id)


def _pdf(request, audit: Audit, body: bytes, name: str) -> HttpResponse:
    read_log(
        user=request.user,
        action=ReadEvent.Action.DOWNLOAD,
        object_type="audit",
        object_id=audit.pk,
        description=f"{name}: {audit.auditee.name}",
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}-{audit.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


def _language(request) -> str:
    return "en" if (request.LANGUAGE_CODE or "").startswith("en") else "zh-hant"


@login_required
def audit_notice_pdf_view(request, audit_id: int):
    audit = _audit_or_404(request, audit_id)
    if audit.notice_sent_on is None:
        raise Http404
    data = build_audit_notice(audit=audit, language=_language(request), now=clock.now())
    return _pdf(request, audit, render_audit_document_pdf(data), "audit-notice")


@login_required
def audit_report_pdf_view(request, audit_id: int):
    audit = _audit_or_404(request, audit_id)
    if audit.report_issued_at is None:
        raise Http404
    data = build_audit_report(audit=audit, language=_language(request), now=clock.now())
    return _pdf(request, audit, render_audit_document_pdf(data), "audit-report")
