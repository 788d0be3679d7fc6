"""Report pages: the list (generate, versions, hashes), a report's page (observations, preview, issue,
correction, re-render proof), the download. Thin: fetch (404) → check (403) → form → one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.checks import require
from reports import documents_access as selectors
from reports import forms_documents as forms
from reports import services, subjects
from reports.models import ReportEvent
from reports.views_documents.common import report_or_404, stream_report

PAGE_SIZE = 50


def generate_forms(user, data=None) -> dict:
    found = {}
    for kind, choices in selectors.generation_choices(user=user).items():
        if kind == "sector":
            sectors = [(s.key, s.name_zh) for s in subjects.sector_subjects() if s.key in choices]
            found[kind] = forms.SectorReportForm(data, sectors=sectors, prefix=kind)
        elif kind == "national":
            found[kind] = forms.NationalReportForm(data, prefix=kind)
        else:
            found[kind] = forms.AgencyReportForm(data, agencies=choices, prefix=kind)
    return found


@login_required
def report_list_view(request):
    reports = selectors.report_list_visible_to(user=request.user).order_by("-created_at", "-id")
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "generate": generate_forms(request.user),
        "batch_form": forms.BatchForm(prefix="batch") if selectors.sector_keys_for(user=request.user) else None,
        "batches": selectors.batch_list_visible_to(user=request.user)[:5],
    }
    return render(request, "reports/report_list.html", context)


def _subject(kind: str, form, user) -> dict:
    data = form.cleaned_data
    return selectors.generation_subject(
        kind=kind, user=user, year=data["year"], language=data["language"], sector_key=data.get("sector", ""),
        agency=data.get("agency"),
    )  # fmt: skip


@login_required
@require_POST
def report_generate_view(request, kind: str):
    form = generate_forms(request.user, request.POST).get(kind)
    if form is None:
        raise Http404
    if not form.is_valid():
        messages.error(
            request,
            _("Check the form: %(errors)s")
            % {"errors": " ".join(str(e) for errors in form.errors.values() for e in errors)},
        )
        return redirect("reports:list")
    subject = _subject(kind, form, request.user)
    try:
        if kind == "sector":
            report = services.report_draft_open(acting_user=request.user, now=timezone.now(), **subject)
        else:
            report = services.report_generate(acting_user=request.user, now=timezone.now(), **subject)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:list")
    return redirect("reports:detail", report_id=report.pk)


@login_required
def report_detail_view(request, report_id: int):
    report = report_or_404(request, report_id)
    may_write = selectors.may_write_observations(user=request.user, report=report)
    versions = (
        selectors.report_list_visible_to(user=request.user)
        .filter(subject_key=report.subject_key, year=report.year, language=report.language)
        .order_by("-version")
    )
    latest = versions.first()
    context = {
        "report": report,
        "versions": versions,
        "may_write": may_write and not report.is_issued,
        "may_correct": may_write and report.is_issued and latest == report,
        "observations_form": forms.ObservationsForm(
            initial={"observations": report.observations, "recommendations": report.recommendations}
        ),
        "note_form": forms.AgencyNoteForm(agencies=subjects.sector_agencies(report.subject_key.split(":", 1)[1]))
        if may_write and not report.is_issued
        else None,
        "correction_form": forms.CorrectionForm(),
        "events": ReportEvent.objects.filter(report=report).select_related("actor")[:50],
        "notes": report.agency_notes,
    }
    return render(request, "reports/report_detail.html", context)


def _writable(request, report_id: int):
    report = report_or_404(request, report_id)
    require(selectors.may_write_observations(user=request.user, report=report))
    return report


@login_required
@require_POST
def report_observations_view(request, report_id: int):
    report = _writable(request, report_id)
    form = forms.ObservationsForm(request.POST)
    if form.is_valid():
        try:
            services.report_draft_save(
                report=report,
                agency_notes=report.agency_notes,
                acting_user=request.user,
                **form.cleaned_data,
                now=timezone.now(),
            )
            messages.success(request, _("Observations saved."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("reports:detail", report_id=report.pk)


@login_required
@require_POST
def report_note_view(request, report_id: int):
    report = _writable(request, report_id)
    form = forms.AgencyNoteForm(request.POST, agencies=subjects.sector_agencies(report.subject_key.split(":", 1)[1]))
    if form.is_valid():
        agency, text = form.cleaned_data["agency"], form.cleaned_data["text"].strip()
        notes = [n for n in report.agency_notes if n["agency_id"] != agency.pk] + (
            [{"agency_id": agency.pk, "text": text}] if text else []
        )
        try:
            services.report_draft_save(
                report=report,
                observations=report.observations,
                recommendations=report.recommendations,
                agency_notes=notes,
                acting_user=request.user,
                now=timezone.now(),
            )
            messages.success(request, _("Note saved."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Choose an agency of this sector."))
    return redirect("reports:detail", report_id=report.pk)


@login_required
def report_preview_view(request, report_id: int):
    report = report_or_404(request, report_id)
    require(selectors.may_write_observations(user=request.user, report=report) and not report.is_issued)
    pdf = services.report_preview(report=report, acting_user=request.user, now=timezone.now())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="draft-{report.pk}.pdf"'
    return response


@login_required
@require_POST
def report_issue_view(request, report_id: int):
    report = _writable(request, report_id)
    try:
        report = services.report_issue(report=report, acting_user=request.user, now=timezone.now())
        messages.success(request, _("Report %(number)s issued.") % {"number": report.number})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("reports:detail", report_id=report.pk)


@login_required
@require_POST
def report_correct_view(request, report_id: int):
    report = _writable(request, report_id)
    form = forms.CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for the correction."))
        return redirect("reports:detail", report_id=report.pk)
    try:
        draft = services.report_correct(
            report=report, reason=form.cleaned_data["reason"], acting_user=request.user, now=timezone.now()
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:detail", report_id=report.pk)
    return redirect("reports:detail", report_id=draft.pk)


@login_required
@require_POST
def report_rerender_view(request, report_id: int):
    report = report_or_404(request, report_id)
    require(report.is_issued)
    if services.report_rerender_matches(report=report):
        messages.success(
            request,
            _("Re-rendered from the stored data: the bytes are identical (SHA-256 %(sha)s).") % {"sha": report.sha256},
        )
    else:
        messages.error(request, _("Re-rendering from the stored data gave different bytes."))
    return redirect("reports:detail", report_id=report.pk)


@login_required
def report_download_view(request, report_id: int):
    return stream_report(request, report_or_404(request, report_id))
