"""Export all sectors of a year: start (one click, never two batches), the page with its live progress
bar (polls the JSON progress view), the zip."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.audit import read_log
from access.models import ReadEvent
from reports import documents_access as selectors
from reports import forms_documents as forms
from reports import services
from reports.models import ReportBatch, ReportEvent
from reports.services.events import report_event


def batch_or_404(request, batch_id: int) -> ReportBatch:
    return get_object_or_404(selectors.batch_list_visible_to(user=request.user), pk=batch_id)


@login_required
@require_POST
def batch_start_view(request):
    sector_keys = selectors.sector_keys_for(user=request.user)
    if not sector_keys:
        raise Http404
    form = forms.BatchForm(request.POST, prefix="batch")
    if not form.is_valid():
        messages.error(request, _("Choose a year and a language."))
        return redirect("reports:list")
    year, language = form.cleaned_data["year"], form.cleaned_data["language"]
    batch, created = services.batch_start(
        year=year,
        language=language,
        sector_keys=sector_keys,
        acting_user=request.user,
        issuer=selectors.issuer_for(user=request.user, language=language),
        now=timezone.now(),
    )
    if not created:
        messages.info(request, _("This export is already running; here is its progress."))
    return redirect("reports:batch", batch_id=batch.pk)


def progress(batch: ReportBatch) -> dict:
    found = selectors.batch_progress(batch=batch)
    return {
        "status": batch.status,
        "status_label": batch.get_status_display(),
        "total": found["total"],
        "finished": found["finished"],
        "done": found["finished"],
        "status_display": batch.get_status_display(),
        "failed": found["failed"],
        "percent": found["percent"],
        "zip_url": reverse("reports:batch_zip", args=[batch.pk]) if batch.zip_file else "",
        "items": [{"sector": i.sector_name, "status": i.status, "attempts": i.attempts} for i in found["items"]],
    }


@login_required
def batch_detail_view(request, batch_id: int):
    batch = batch_or_404(request, batch_id)
    items = batch.items.select_related("report").order_by("id")
    return render(request, "reports/batch_detail.html", {"batch": batch, "items": items, "progress": progress(batch)})


@login_required
def batch_progress_view(request, batch_id: int):
    return JsonResponse(progress(batch_or_404(request, batch_id)))


@login_required
def batch_download_view(request, batch_id: int):
    return stream_batch(request, batch_or_404(request, batch_id))


def stream_batch(request, batch: ReportBatch, *, channel: str = "web") -> FileResponse:
    """The batch's zip, its download logged twice: a ReportEvent and the access trail (page and API alike)."""
    if not batch.zip_file:
        raise Http404
    report_event(
        ReportEvent.Kind.ZIP_DOWNLOADED, actor=request.user, batch=batch, channel=channel,
        data={"sha256": batch.zip_sha256},
    now=timezone.now())  # fmt: skip
    read_log(
        user=request.user,
        action=ReadEvent.Action.DOWNLOAD,
        object_type="report_batch",
        object_id=batch.pk,
        description=f"{batch.year} {batch.language}",
        data={"sha256": batch.zip_sha256} | ({} if channel == "web" else {"channel": channel}),
    )
    name = f"csma-{batch.year}-{batch.language}.zip"
    return FileResponse(batch.zip_file.open("rb"), as_attachment=True, filename=name, content_type="application/zip")
