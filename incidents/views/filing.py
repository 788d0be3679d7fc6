"""The filing page: the 7 statutory fields, the level proposal, fallback and late report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from access.checks import require
from common.forms import add_service_errors
from incidents import forms, rules, selectors, services
from infrastructure.models import InformationSystem


def notification_input(form: forms.IncidentFileForm) -> services.NotificationInput:
    data = form.cleaned_data
    return services.NotificationInput(
        title=data["title"],
        incident_type=data["incident_type"],
        occurred_at=data["occurred_at"],
        aware_at=data["aware_at"],
        description=data["description"],
        measures_taken=data["measures_taken"],
        answers=form.answers(),
        level=data["level"],
        level_reason=data["level_reason"],
        external_support_needed=data["external_support_needed"],
        external_support=data["external_support"],
        other_matters=data["other_matters"],
        affected_system_ids=[system.pk for system in data["affected_systems"]],
        channel=data["channel"],
        fallback_reason=data["fallback_reason"],
        fallback_reported_at=data["fallback_reported_at"],
        late_reason=data["late_reason"],
    )


@login_required
def incident_file_view(request):
    agencies = selectors.agencies_user_acts_for(user=request.user)
    first_two = list(agencies[:2])  # one query: may the user file at all, and for one agency or several
    require(bool(first_two))
    systems = InformationSystem.objects.filter(agency__in=agencies, is_active=True).select_related("agency")
    form = forms.IncidentFileForm(
        request.POST or None,
        request.FILES or None,
        agencies=agencies,
        systems=systems,
        initial={"agency": first_two[0] if len(first_two) == 1 else None},
    )
    proposal = None
    if request.method == "POST" and form.is_valid():
        proposal = rules.propose_level(form.answers())
        if request.POST.get("action") in ("draft", "report"):
            incident = _file(request, form)
            if incident is not None:
                return redirect("incidents:detail", incident_id=incident.pk)
    context = {"form": form, "proposal": proposal, "impact_fields": rules.IMPACT_FIELDS}
    return render(request, "incidents/incident_file.html", context)


def _file(request, form):
    now, submit = timezone.now(), request.POST.get("action") == "report"
    try:
        with transaction.atomic():  # the notification and its attachment together, or neither
            incident = services.incident_report_create(
                agency=form.cleaned_data["agency"],
                data=notification_input(form),
                acting_user=request.user,
                now=now,
                submit=submit,
            )
            if form.cleaned_data["attachment"]:
                upload = form.cleaned_data["attachment"]
                services.incident_attachment_add(
                    incident=incident,
                    content=upload.read(),
                    original_name=upload.name,
                    acting_user=request.user,
                    now=now,
                )
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    messages.success(request, _("The incident was reported.") if submit else _("The draft was saved."))
    return incident
