"""Reviewer and competent-authority pages: queue, review (within the detail page), forward, re-review,
report decision, extension, close."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from access.checks import require
from incidents import forms, selectors, services
from incidents.views.common import apply_form, incident_or_404, permissions

PAGE_SIZE = 50


@login_required
def review_queue_view(request):
    require(selectors.review_queue_q(user=request.user) is not None)
    now = timezone.now()
    queue = selectors.incident_list_review_queue(user=request.user)
    page = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(incident, selectors.clock_rows(incident, now=now)) for incident in page]
    return render(request, "incidents/incident_queue.html", {"page": page, "rows": rows})


@login_required
@require_POST
def incident_review_view(request, incident_id: int):
    incident = incident_or_404(request, incident_id)
    require(permissions(request.user, incident)["may_review"])
    form = forms.ReviewForm(request.POST)
    return apply_form(
        request,
        incident,
        form,
        "review_form",
        lambda data: services.incident_review_complete(
            incident=incident,
            level=data["level"],
            note=data["note"],
            forward=data["forward"],
            acting_user=request.user,
            now=timezone.now(),
        ),
    )


@login_required
@require_POST
def incident_forward_view(request, incident_id: int):
    incident = incident_or_404(request, incident_id)
    require(permissions(request.user, incident)["may_review"])
    return apply_form(
        request,
        incident,
        forms.forms.Form(request.POST),
        "forward_form",
        lambda data: services.incident_forward(incident=incident, acting_user=request.user, now=timezone.now()),
    )


@login_required
@require_POST
def incident_rereview_view(request, incident_id: int):
    incident = incident_or_404(request, incident_id)
    require(permissions(request.user, incident)["may_rereview"])
    form = forms.RereviewForm(request.POST)
    return apply_form(
        request,
        incident,
        form,
        "rereview_form",
        lambda data: services.incident_level_change(
            incident=incident, level=data["level"], reason=data["reason"], acting_user=request.user, now=timezone.now()
        ),
    )


@login_required
@require_POST
def report_decide_view(request, incident_id: int):
    incident = incident_or_404(request, incident_id)
    require(permissions(request.user, incident)["may_review"])
    form = forms.ReportDecisionForm(request.POST)
    return apply_form(
        request,
        incident,
        form,
        "decision_form",
        lambda data: services.incident_report_decide(
            incident=incident, accept=data["accept"], note=data["note"], acting_user=request.user, now=timezone.now()
        ),
    )


@login_required
@require_POST
def report_extend_view(request, incident_id: int):
    incident = incident_or_404(request, incident_id)
    require(permissions(request.user, incident)["may_review"])
    form = forms.ReportExtendForm(request.POST)
    return apply_form(
        request,
        incident,
        form,
        "extend_form",
        lambda data: services.incident_report_extend(
            incident=incident,
            due_on=data["due_on"],
            reason=data["reason"],
            superior_consent=data["superior_consent"],
            authority_consent=data["authority_consent"],
            acting_user=request.user,
            now=timezone.now(),
        ),
    )


@login_required
@require_POST
def incident_close_view(request, incident_id: int):
    incident = incident_or_404(request, incident_id)
    require(permissions(request.user, incident)["may_review"])
    return apply_form(
        request,
        incident,
        forms.forms.Form(request.POST),
        "close_form",
        lambda data: services.incident_close(incident=incident, acting_user=request.user, now=timezone.now()),
    )
