"""The checklist, section by section: the auditee's self-assessment before the audit, the auditors'
answers during it. Every field saves as the person types (audits/static/audits/checklist.js); a stale
version answers 409 so two auditors never overwrite each other silently."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.audit import read_log
from access.checks import require
from access.models import ReadEvent
from audits import forms, rules, selectors, services
from audits.odt import render_checklist_odt
from audits.services import MeasureInput
from audits.views.common import audit_or_404, roles
from common import clock
from common.conflicts import is_conflict
from common.forms import add_service_errors
from common.names import person_name
from infrastructure.selectors import level_current_for


@login_required
def checklist_view(request, audit_id: int):
    audit = audit_or_404(request, audit_id)
    granted = roles(request, audit)
    rows = selectors.checklist_rows(audit=audit, level=level_current_for(agency=audit.auditee))
    answered = sum(1 for row in rows if row["answer"] and (row["answer"].result or row["answer"].self_result))
    sections = [(name, list(group)) for name, group in groupby(rows, key=lambda row: row["item"].section)]
    context = {
        "audit": audit,
        "sections": sections,
        "mode": selectors.checklist_mode(audit=audit, granted=granted),
        "results": rules.Result.choices,
        "answered": answered,
        "total": len(rows),
        **granted,
    }
    return render(request, "audits/checklist.html", context)


@login_required
@require_POST
def answer_save_view(request, audit_id: int):
    audit = audit_or_404(request, audit_id)
    mode = selectors.checklist_mode(audit=audit, granted=roles(request, audit))
    require(mode is not None)
    form = forms.AnswerForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"ok": False, "errors": form.errors.get_json_data()}, status=400)
    data = form.cleaned_data
    try:
        if mode == "auditor":
            answer = services.answer_save(
                audit=audit,
                item_id=data["item"],
                result=data["result"],
                description=data["description"],
                evidence=data["evidence"],
                version=data["version"],
                actor=request.user,
                now=clock.now(),
            )
        else:
            answer = services.self_assessment_save(
                audit=audit,
                item_id=data["item"],
                result=data["result"],
                note=data["description"],
                version=data["version"],
                actor=request.user,
                now=clock.now(),
            )
    except ValidationError as error:
        status = 409 if is_conflict(error) else 400
        return JsonResponse({"ok": False, "message": " ".join(error.messages)}, status=status)
    return JsonResponse({"ok": True, "version": answer.version, "message": _("Saved")})


MeasureFormSet = formset_factory(forms.MeasureForm, extra=0)


@login_required
def improvement_view(request, audit_id: int):
    audit = audit_or_404(request, audit_id)
    granted = roles(request, audit)
    findings = [f for f in audit.findings.select_related("measure", "item") if f.kind in rules.NEEDS_IMPROVEMENT]
    editable = granted["is_auditee"] and audit.status == rules.AuditStatus.REPORT_ISSUED
    initial = [_initial(f) for f in findings]
    formset = MeasureFormSet(request.POST or None, initial=initial, prefix="m")
    if request.method == "POST":
        require(editable)
        if formset.is_valid() and _save(request, audit, findings, formset):
            submitted = "submit" in request.POST
            messages.success(
                request,
                _("The improvement report was submitted.")
                if submitted
                else _("The improvement report was saved as a draft."),
            )
            return redirect("audits:audit_detail", audit_id=audit.pk)
    context = {
        "audit": audit,
        "rows": list(zip(findings, formset.forms, strict=True)),
        "formset": formset,
        "editable": editable,
        **granted,
    }
    return render(request, "audits/improvement.html", context, status=400 if request.method == "POST" else 200)


def _initial(finding) -> dict:
    measure = getattr(finding, "measure", None)
    if measure is None:
        return {}
    return {
        "cause": measure.cause,
        "measures": measure.measures,
        "planned_completion": measure.planned_completion,
        "tracking_method": measure.tracking_method,
    }


def _save(request, audit, findings, formset) -> bool:
    entries = [
        MeasureInput(finding_id=f.pk, **form.cleaned_data) for f, form in zip(findings, formset.forms, strict=True)
    ]
    try:
        services.improvement_save(audit=audit, measures=entries, actor=request.user, now=clock.now())
        if "submit" in request.POST:
            services.improvement_submit(audit=audit, actor=request.user, now=clock.now())
    except ValidationError as error:
        add_service_errors(formset.forms[0] if formset.forms else forms.MeasureForm(), error)
        formset._non_form_errors = formset.error_class(error.messages)
        return False
    return True


@login_required
def checklist_odt_view(request, audit_id: int):
    """The filled checklist in the official form's layout (ODT), logged as a download."""
    audit = audit_or_404(request, audit_id)
    lead = audit.team.filter(removed_at__isnull=True).order_by("role", "id").select_related("user").first()
    data = selectors.checklist_export(audit=audit, filled_by=person_name(lead.user) if lead else "")
    read_log(
        user=request.user,
        action=ReadEvent.Action.DOWNLOAD,
        object_type="audit",
        object_id=audit.pk,
        description=f"checklist ODT: {audit.auditee.name}",
    )
    response = HttpResponse(render_checklist_odt(data), content_type="application/vnd.oasis.opendocument.text")
    response["Content-Disposition"] = f'attachment; filename="checklist-{audit.pk}.odt"'
    response["Cache-Control"] = "no-store"
    return response
