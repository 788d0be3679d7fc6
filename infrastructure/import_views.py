"""Roster import from the web: upload → preview (counts, samples, every error) → confirm → progress."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from common.spreadsheets import neutralise_cell
from infrastructure import import_services, selectors
from infrastructure.forms import RegistryImportUploadForm
from infrastructure.models import RegistryImport
from infrastructure.presentation import change_label

RECENT_IMPORTS_SHOWN = 10
ERRORS_SHOWN = 200  # the preview lists the first errors; the full list is a download (issue 9)
FORMAT_LABELS = dict(RegistryImportUploadForm.FORMAT_CHOICES)


@login_required
@permission_required("infrastructure.add_registryimport", raise_exception=True)
def import_upload_view(request):
    form = RegistryImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            registry_import = import_services.registry_import_create(
                now=timezone.now(),
                content=upload.read(),
                original_name=upload.name,
                file_format=form.cleaned_data["file_format"],
                deactivate_missing=form.cleaned_data["deactivate_missing"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("infrastructure:import_preview", import_id=registry_import.pk)
    recent = selectors.registry_imports_visible_to(user=request.user)[:RECENT_IMPORTS_SHOWN]
    return render(request, "infrastructure/import_upload.html", {"form": form, "recent_imports": recent})


@login_required
@permission_required("infrastructure.view_registryimport", raise_exception=True)
def import_preview_view(request, import_id: int):
    registry_import = get_object_or_404(selectors.registry_imports_visible_to(user=request.user), pk=import_id)
    summary = registry_import.summary or {}
    context = {
        "registry_import": registry_import,
        "summary": summary,
        "counts": _counts(summary),
        "update_samples": _update_samples(summary),
        "format_label": FORMAT_LABELS.get(summary.get("format") or registry_import.file_format, "—"),
        "errors_shown": registry_import.errors[:ERRORS_SHOWN],
        "error_count": len(registry_import.errors),
        "Status": RegistryImport.Status,
    }
    return render(request, "infrastructure/import_preview.html", context)


@login_required
@permission_required("infrastructure.view_registryimport", raise_exception=True)
@never_cache
def import_errors_view(request, import_id: int):
    """Every error of an import as CSV (UTF-8 with BOM, cells neutralised like every export)."""
    registry_import = get_object_or_404(selectors.registry_imports_visible_to(user=request.user), pk=import_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_("Row"), _("Column"), _("Problem")])
    for error in registry_import.errors:
        row = "" if error.get("row") is None else error["row"]
        writer.writerow([neutralise_cell(value) for value in (row, error.get("column", ""), error.get("message", ""))])
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="csma-import-{registry_import.pk}-errors.csv"'
    return response


@login_required
@permission_required("infrastructure.add_registryimport", raise_exception=True)
@require_POST
def import_confirm_view(request, import_id: int):
    registry_import = get_object_or_404(selectors.registry_imports_visible_to(user=request.user), pk=import_id)
    try:
        registry_import = import_services.registry_import_schedule(
            now=timezone.now(), registry_import=registry_import, acting_user=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if registry_import.status == RegistryImport.Status.APPLIED:
            messages.success(request, _("The import has been applied."))
        else:
            messages.info(request, _("The import is running in the background; this page follows its progress."))
    return redirect("infrastructure:import_preview", import_id=registry_import.pk)


@login_required
@permission_required("infrastructure.view_registryimport", raise_exception=True)
def import_progress_view(request, import_id: int):
    registry_import = get_object_or_404(selectors.registry_imports_visible_to(user=request.user), pk=import_id)
    return JsonResponse(
        {
            "status": registry_import.status,
            "status_display": registry_import.get_status_display(),
            "done": registry_import.progress_done,
            "total": registry_import.progress_total,
            "summary": registry_import.summary,
        }
    )


def _counts(summary: dict) -> dict:
    """What the import did once applied (``summary["result"]``), else what the preview planned."""
    result = summary.get("result") or {}
    if result:
        return {
            "create": result.get("created", 0),
            "update": result.get("updated", 0),
            "deactivate": result.get("deactivated", 0),
            "unchanged": result.get("unchanged", 0),
        }
    return {name: summary.get(name, 0) for name in ("create", "update", "deactivate", "unchanged")}


def _update_samples(summary: dict) -> list[dict]:
    """Update samples as {"name", "changes": [{"label", "before", "after"}]} whatever shape ``changes`` has."""
    samples = []
    for sample in (summary.get("samples") or {}).get("update") or []:
        if not isinstance(sample, dict):
            samples.append({"name": str(sample), "changes": []})
            continue
        changes = sample.get("changes") or {}
        if isinstance(changes, dict):
            rows = [_change_row(field, change) for field, change in changes.items()]
        else:
            rows = [
                {"label": change_label(str(field)), "before": "", "after": ""}
                for field in (changes if isinstance(changes, list) else [changes])
            ]
        samples.append({"name": sample.get("name", ""), "changes": rows})
    return samples


def _change_row(field: str, change) -> dict:
    if isinstance(change, dict):
        before, after = change.get("before", ""), change.get("after", "")
    elif isinstance(change, (list, tuple)) and len(change) == 2:
        before, after = change
    else:
        before, after = "", change
    before, after = (", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v for v in (before, after))
    return {
        "label": change_label(field),
        "before": "" if before is None else before,
        "after": "" if after is None else after,
    }
