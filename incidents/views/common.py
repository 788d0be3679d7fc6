"""Shared steps of the incident views: fetch through the visibility selector (404), check (403), build the
detail page's context (no queries in templates)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from access.audit import read_log
from access.models import ReadEvent
from incidents import forms, rules, selectors
from incidents.models import Incident
from incidents.rules import IncidentStatus


def incident_or_404(request, incident_id: int) -> Incident:
    try:
        return selectors.incident_get_for_user(user=request.user, incident_id=incident_id)
    except Incident.DoesNotExist:
        raise Http404 from None


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def log_view(request, incident: Incident, what: str) -> None:
    read_log(
        user=request.user,
        action=ReadEvent.Action.VIEW,
        object_type="incident",
        object_id=incident.pk,
        description=f"{what}: {incident.title}",
    )


def permissions(user, incident: Incident) -> dict[str, bool]:
    return {
        "may_act": selectors.may_act_for(user=user, incident=incident),
        "may_review": selectors.may_review(user=user, incident=incident),
        "may_rereview": selectors.may_rereview(user=user, incident=incident),
    }


def _review_open(incident: Incident) -> bool:
    """The latest notification awaits its review (its review clock is open), in any status."""
    return any(clock.kind == rules.ClockKind.REVIEW and clock.met_at is None for clock in incident.clocks.all())


def _available_forms(incident: Incident, perms: dict[str, bool]) -> dict:
    status, found = incident.status, {}
    if perms["may_act"]:
        if status == IncidentStatus.DRAFT:
            found["submit_form"] = forms.SubmitDraftForm()
        if rules.can_transition(status, IncidentStatus.RECOVERED):
            found["recover_form"] = forms.RecoverForm()
        if status != IncidentStatus.CLOSED:
            found["attachment_form"] = forms.AttachmentForm()
            found["measure_form"] = forms.MeasureForm()
            found["measure_complete_form"] = forms.MeasureCompleteForm()
    if perms["may_review"]:
        if _review_open(incident):
            initial = {"level": incident.notified_level or incident.level, "forward": True}
            found["review_form"] = forms.ReviewForm(initial=initial)
        if status == IncidentStatus.REPORT_SUBMITTED:
            found["decision_form"] = forms.ReportDecisionForm()
        if incident.recovered_at and status not in (IncidentStatus.REPORT_ACCEPTED, IncidentStatus.CLOSED):
            found["extend_form"] = forms.ReportExtendForm()
    if perms["may_rereview"] and incident.reviewed_at and status != IncidentStatus.CLOSED:
        found["rereview_form"] = forms.RereviewForm(initial={"level": incident.level})
    return found


def render_detail(request, incident: Incident, *, status: int = 200, **bound_forms):
    perms = permissions(request.user, incident)
    context = {
        "incident": incident,
        **perms,
        **_available_forms(incident, perms),
        **bound_forms,
        "clocks": selectors.clock_rows(incident, now=timezone.now()),
        "reports": list(incident.reports.all()),
        "measures": list(incident.measures.all()),
        "attachments": list(incident.attachments.all()),
        "systems": list(incident.affected_systems.all()),
        "can_update": perms["may_act"] and incident.status in rules.OPEN_FOR_UPDATE,
        "can_report": perms["may_act"] and rules.can_transition(incident.status, IncidentStatus.REPORT_SUBMITTED),
        "can_forward": perms["may_review"] and incident.reviewed_at and not incident.forwarded_at,
        "can_close": perms["may_review"] and incident.status == IncidentStatus.REPORT_ACCEPTED,
    }
    return render(request, "incidents/incident_detail.html", context, status=status)


def add_service_error(form, error: ValidationError) -> None:
    """A service's ValidationError on the form: per field when the form has that field, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def apply_form(request, incident, form, form_name: str, action):
    """Validate, call the service, redirect to the detail page; errors re-render it with the form."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect("incidents:detail", incident_id=incident.pk)
    return render_detail(request, incident, status=400, **{form_name: form})
