"""Agency pages: my incidents, file, detail, timeline, update (續行通報), recover, report, attachments,
improvement measures. Thin: fetch (404) → check (403) → form → one service → redirect."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.audit import read_log
from access.checks import require
from access.models import ReadEvent
from common.uploads import download_response
from common.views import run_form
from incidents import forms, rules, selectors, services
from incidents.views.common import apply_form, incident_or_404, log_view, permissions, render_detail

PAGE_SIZE = 50


@login_required
def incident_list_view(request):
    now = timezone.now()
    page = Paginator(selectors.incident_list_visible(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(incident, selectors.clock_rows(incident, now=now)) for incident in page]
    may_file = selectors.agencies_user_acts_for(user=request.user).exists()
    return render(request, "incidents/incident_list.html", {"page": page, "rows": rows, "may_file": may_file})


@login_required
def incident_detail_view(request, incident_id: int):
    incident = incident_or_404(request, incident_id)
    log_view(request, incident, "incident")
    return render_detail(request, incident)


@login_required
def incident_timeline_view(request, incident_id: int):
    incident = incident_or_404(request, incident_id)
    log_view(request, incident, "timeline")
    context = {
        "incident": incident,
        "events": list(selectors.incident_events(incident=incident)),
        "clocks": selectors.clock_rows(incident, now=timezone.now()),
    }
    return render(request, "incidents/incident_timeline.html", context)


@login_required
@require_POST
def incident_submit_view(request, incident_id: int):
    incident = incident_or_404(request, incident_id)
    require(permissions(request.user, incident)["may_act"])
    form = forms.SubmitDraftForm(request.POST)
    return apply_form(
        request,
        incident,
        form,
        "submit_form",
        lambda data: services.incident_submit(
            incident=incident, acting_user=request.user, now=timezone.now(), late_reason=data["late_reason"]
        ),
    )


@login_required
def incident_update_view(request, incident_id: int):
    incident = incident_or_404(request, incident_id)
    require(permissions(request.user, incident)["may_act"] and incident.status in rules.OPEN_FOR_UPDATE)
    initial = {
        field: getattr(incident, field) for field in forms.IncidentUpdateForm.base_fields if field != "level_reason"
    }
    form = forms.IncidentUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and run_form(
        request,
        form,
        lambda data: services.incident_renotify(
            incident=incident, acting_user=request.user, now=timezone.now(), **data
        ),
        success=_("The notification was updated."),
    ):
        return redirect("incidents:detail", incident_id=incident.pk)
    return render(
        request,
        "incidents/incident_form.html",
        {"form": form, "incident": incident, "heading": _("Update the notification")},
    )


@login_required
@require_POST
def incident_recover_view(request, incident_id: int):
    incident = incident_or_404(request, incident_id)
    require(permissions(request.user, incident)["may_act"])
    form = forms.RecoverForm(request.POST)
    return apply_form(
        request,
        incident,
        form,
        "recover_form",
        lambda data: services.incident_mark_recovered(
            incident=incident, recovered_at=data["recovered_at"], acting_user=request.user, now=timezone.now()
        ),
    )


@login_required
def incident_report_view(request, incident_id: int):
    incident = incident_or_404(request, incident_id)
    require(
        permissions(request.user, incident)["may_act"]
        and rules.can_transition(incident.status, rules.IncidentStatus.REPORT_SUBMITTED)
    )
    form = forms.ReportForm(request.POST or None)
    if request.method == "POST" and run_form(
        request,
        form,
        lambda data: services.incident_report_submit(
            incident=incident, contents=services.ReportContents(**data), acting_user=request.user, now=timezone.now()
        ),
    ):
        return redirect("incidents:detail", incident_id=incident.pk)
    return render(
        request,
        "incidents/incident_form.html",
        {"form": form, "incident": incident, "heading": _("Investigation, handling and improvement report")},
    )


@login_required
@require_POST
def attachment_add_view(request, incident_id: int):
    incident = incident_or_404(request, incident_id)
    require(permissions(request.user, incident)["may_act"])
    form = forms.AttachmentForm(request.POST, request.FILES)
    return apply_form(
        request,
        incident,
        form,
        "attachment_form",
        lambda data: services.incident_attachment_add(
            incident=incident,
            content=data["file"].read(),
            original_name=data["file"].name,
            acting_user=request.user,
            now=timezone.now(),
        ),
    )


@login_required
def attachment_download_view(request, incident_id: int, attachment_id: int):
    incident = incident_or_404(request, incident_id)
    attachment = get_object_or_404(incident.attachments.all(), pk=attachment_id)
    read_log(
        user=request.user,
        action=ReadEvent.Action.DOWNLOAD,
        object_type="incident_attachment",
        object_id=attachment.pk,
        description=attachment.original_name,
        data={"incident": incident.pk},
    )
    return download_response(attachment.file, filename=attachment.original_name, content_type=attachment.content_type)


@login_required
@require_POST
def measure_add_view(request, incident_id: int):
    incident = incident_or_404(request, incident_id)
    require(permissions(request.user, incident)["may_act"])
    form = forms.MeasureForm(request.POST)
    return apply_form(
        request,
        incident,
        form,
        "measure_form",
        lambda data: services.improvement_measure_add(
            incident=incident, acting_user=request.user, now=timezone.now(), **data
        ),
    )


@login_required
@require_POST
def measure_complete_view(request, incident_id: int, measure_id: int):
    incident = incident_or_404(request, incident_id)
    require(permissions(request.user, incident)["may_act"])
    measure = incident.measures.filter(pk=measure_id).first()
    if measure is None:
        raise Http404
    form = forms.MeasureCompleteForm(request.POST)
    return apply_form(
        request,
        incident,
        form,
        "measure_complete_form",
        lambda data: services.improvement_measure_complete(
            measure=measure,
            completed_on=data["completed_on"],
            note=data["note"],
            acting_user=request.user,
            now=timezone.now(),
        ),
    )
