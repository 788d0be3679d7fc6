"""Staffing, training and certificates of one agency (officers record; everyone who sees the agency reads)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from access.checks import require, visible_agency_or_404
from common.views import run_form
from obligations import services
from obligations.forms import CertificateForm, StaffingForm, TrainingForm
from obligations.selectors import access
from obligations.selectors.people import people_overview

FORMS = {
    "staffing": (StaffingForm, services.staffing_record),
    "training": (TrainingForm, services.training_record_add),
    "certificate": (CertificateForm, services.certificate_add),
}


@login_required
def people_view(request, agency_id: int):
    agency = visible_agency_or_404(request.user, agency_id)
    can_record = access.can_submit_for(user=request.user, agency=agency)
    posted = request.POST.get("form") if request.method == "POST" else None
    forms = {
        name: form_class(request.POST if name == posted else None, prefix=name)
        for name, (form_class, _service) in FORMS.items()
    }
    if posted in FORMS:
        require(can_record)
        form, service = forms[posted], FORMS[posted][1]
        if run_form(
            request,
            form,
            lambda data: service(agency=agency, acting_user=request.user, now=timezone.now(), **data),
            success=_("Recorded."),
        ):
            return redirect("obligations:people", agency_id=agency.pk)
    return render(
        request,
        "obligations/people.html",
        {
            "agency": agency,
            "forms": forms,
            "can_record": can_record,
            **people_overview(agency=agency, today=timezone.localdate()),
        },
    )
