"""Exports of the dashboards' figures and the compliance rows: scoped exactly as the pages, every one logged
in the access trail (ReadEvent EXPORT)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from access.audit import read_log
from access.models import ReadEvent
from common import roc
from common.templatetags.csma_dates import local_year_label
from reports import figures, selectors
from reports.dashboards import DashboardKind
from reports.exports import frames, odt, rows, writers
from reports.views._helpers import picked_year, scope_or_404
from reports.views.compliance import filter_form


def _attachment(content: bytes, *, file_format: str, stem: str, year: int) -> HttpResponse:
    response = HttpResponse(content, content_type=writers.CONTENT_TYPES[file_format])
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"csma-{stem}-{roc.roc_year(year)}-{stamp}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


SECTION_LABELS = {"figures": gettext_lazy("Key figures"), "key_figures": gettext_lazy("Key figures")}


def _section_label(what: str, scope) -> str:
    """What the trail shows for an export: the section's name as the page calls it, never its key; the
    compliance rows ("agencies") are called after their dashboard (national, sector, …)."""
    if what in rows.DATASETS:
        return str(rows.DATASETS[what][1])
    return str(SECTION_LABELS.get(what, DashboardKind(scope.kind).label))


def _log(request, *, what: str, file_format: str, year: int, scope) -> None:
    with translation.override(settings.LANGUAGE_CODE):  # stored once, read by everyone: the deployment's language
        description = f"{_section_label(what, scope)} · {file_format.upper()} · {local_year_label(year)}"
    read_log(
        user=request.user,
        action=ReadEvent.Action.EXPORT,
        object_type=f"report_{what}",
        description=description,
        data={"year": year, "format": file_format, "scope": scope.kind, "filters": request.GET.dict()},
    )


def _filtered(request, scope):
    form = filter_form(request, scope)
    return form, selectors.compliance_agencies(visible=scope.agencies, filters=form.registry_filters())


@login_required
def export_figures_view(request, file_format: str):
    if file_format not in writers.FORMATS:
        raise Http404
    scope = scope_or_404(request)
    year, (_form, agencies) = picked_year(request), _filtered(request, scope)
    data = figures.key_figures(agencies=agencies, year=year, today=timezone.localdate(), now=timezone.now())
    content = writers.write(frames.figure_sheets(data), file_format=file_format)
    _log(request, what="figures", file_format=file_format, year=year, scope=scope)
    return _attachment(content, file_format=file_format, stem="figures", year=year)


@login_required
def export_rows_view(request, dataset: str, file_format: str):
    if file_format not in writers.FORMATS or dataset not in ("agencies", *rows.DATASETS):
        raise Http404
    scope = scope_or_404(request)
    year, (form, agencies) = picked_year(request), _filtered(request, scope)
    today, now = timezone.localdate(), timezone.now()
    if dataset == "agencies":
        sort, descending = form.sort_key()
        found = selectors.compliance_rows(
            agencies=agencies, year=year, today=today, now=now, band=form.band_key(), sort=sort, descending=descending
        )
        sheets = {str(DashboardKind(scope.kind).label): frames.agency_rows_frame(found)}
    else:
        build, title = rows.DATASETS[dataset]
        sheets = {str(title): build(agencies=agencies, year=year, today=today, now=now)}
    content = writers.write(sheets, file_format=file_format)
    _log(request, what=dataset, file_format=file_format, year=year, scope=scope)
    return _attachment(content, file_format=file_format, stem=dataset, year=year)


@login_required
def export_odt_view(request):
    scope = scope_or_404(request)
    year, (_form, agencies) = picked_year(request), _filtered(request, scope)
    data = figures.key_figures(agencies=agencies, year=year, today=timezone.localdate(), now=timezone.now())
    title = f"{DashboardKind(scope.kind).label} · {local_year_label(year)}"
    content = odt.render_key_figures_odt(data, title=title, scope_label="、".join(scope.names))
    _log(request, what="key_figures", file_format="odt", year=year, scope=scope)
    return _attachment(content, file_format="odt", stem="key-figures", year=year)
