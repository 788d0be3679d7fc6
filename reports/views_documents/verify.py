"""Is this file one we issued? (upload the PDF or paste its SHA-256) — and the incident PDF."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from incidents import selectors as incident_selectors
from incidents.models import Incident
from reports import documents_access as selectors
from reports import forms_documents as forms
from reports import services


@login_required
def report_verify_view(request):
    form = forms.VerifyForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        content = upload.read() if upload else None
        found = services.report_verify(
            acting_user=request.user, sha256=form.cleaned_data["sha256"], content=content, now=timezone.now()
        )
        result = {
            "found": found,
            "sha256": found.sha256 if found else (form.cleaned_data["sha256"] or _digest(content)),
        }
    return render(request, "reports/report_verify.html", {"form": form, "result": result})


def _digest(content: bytes | None) -> str:
    import hashlib

    return hashlib.sha256(content or b"").hexdigest()


@login_required
@require_POST
def incident_pdf_view(request, incident_id: int):
    """Generate (and store) the incident's PDF in the user's language, then download it."""
    try:
        incident = incident_selectors.incident_get_for_user(user=request.user, incident_id=incident_id)
    except Incident.DoesNotExist:
        raise Http404 from None
    language = "en" if (request.LANGUAGE_CODE or "").startswith("en") else "zh-hant"
    subject = {
        "kind": "incident",
        "subject_key": f"incident:{incident.pk}",
        "subject": incident.title,
        "year": incident.aware_at.year,
        "language": language,
        "incident": incident,
        "agency": incident.agency,
        "params": {
            "incident": incident.pk,
            "issuer": selectors.issuer_for(user=request.user, language=language),
            "classification": "restricted",
        },
    }
    report = services.report_generate(acting_user=request.user, now=timezone.now(), **subject)
    return redirect("reports:download", report_id=report.pk)
