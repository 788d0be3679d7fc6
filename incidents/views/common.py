"""The incident views' own steps: the fetcher (through the visibility selector, 404 — access.checks), the
permissions the detail page shows, and the detail page's context (no queries in templates). The 403 step is
``access.checks.require``; the form → service step is ``common.views.run_form`` (``apply_form`` below adds
the incident's redirect or its detail page with the bound form)."""

from django.shortcuts import redirect, render
from django.utils import timezone

from access.audit import read_log
from access.checks import found_or_404
from access.models import ReadEvent
from common.views import run_form
from incidents import forms, rules, selectors
from incidents.models import Incident
from incidents.rules import IncidentStatus


def incident_or_404(request, incident_id: int) -> Incident:
    return found_or_404(selectors.incident_get_for_user, user=request.user, incident_id=incident_id)


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


def apply_form(request, incident, form, form_name: str, action):
    """``run_form``, then the detail page: redirected to on success, re-rendered with the form's errors."""
    if run_form(request, form, action):
        return redirect("incidents:detail", incident_id=incident.pk)
    return render_detail(request, incident, status=400, **{form_name: form})
