"""Responsibility-level pages (分級辦法 Arts 3-10): superior agencies and regulators propose and submit,
the competent authority approves or rejects. Fetch through the user's scope (404), then check (403)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.checks import require, visible_agency_or_404, visible_or_404
from common.views import run_form, run_step
from infrastructure import selectors, services
from infrastructure.forms import LevelApproveForm, LevelProposalForm, LevelRejectForm
from infrastructure.models import AgencyEvent, LevelDecision

WEB = AgencyEvent.Channel.WEB


def _decision_for(user, decision_id: int) -> LevelDecision:
    return visible_or_404(selectors.level_decisions_visible_to(user=user), pk=decision_id)


@login_required
def level_propose_view(request, agency_id: int):
    agency = visible_agency_or_404(request.user, agency_id)
    require(may_propose(request.user, agency))
    form = LevelProposalForm(request.POST or None)
    if request.method == "POST" and run_form(
        request,
        form,
        lambda data: services.level_propose(
            agency=agency, acting_user=request.user, channel=WEB, now=timezone.now(), **data
        ),
        success=_("The level proposal was recorded. Submit it for approval when ready."),
    ):
        return redirect("infrastructure:agency_detail", agency_id=agency.pk)
    return render(request, "infrastructure/level_propose.html", {"agency": agency, "form": form})


@login_required
@require_POST
def level_submit_view(request, decision_id: int):
    decision = _decision_for(request.user, decision_id)
    require(may_propose(request.user, decision.agency))
    return _run(
        request,
        decision,
        lambda: services.level_submit(decision=decision, now=timezone.now(), acting_user=request.user, channel=WEB),
    )


@login_required
@require_POST
def level_approve_view(request, decision_id: int):
    decision = _decision_for(request.user, decision_id)
    require(may_decide(request.user, decision))
    form = LevelApproveForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("infrastructure:agency_detail", agency_id=decision.agency_id)
    return _run(
        request,
        decision,
        lambda: services.level_approve(
            decision=decision,
            effective_from=form.cleaned_data["effective_from"],
            now=timezone.now(),
            acting_user=request.user,
            channel=WEB,
        ),
    )


@login_required
@require_POST
def level_reject_view(request, decision_id: int):
    decision = _decision_for(request.user, decision_id)
    require(may_decide(request.user, decision))
    form = LevelRejectForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _run(
        request,
        decision,
        lambda: services.level_reject(
            decision=decision, reason=reason, now=timezone.now(), acting_user=request.user, channel=WEB
        ),
    )


@login_required
@require_POST
def level_file_view(request, decision_id: int):
    """Art 3 V: the deciding body sends its decided level to the competent authority for reference."""
    decision = _decision_for(request.user, decision_id)
    require(may_decide(request.user, decision))
    return _run(
        request,
        decision,
        lambda: services.level_file_for_reference(
            decision=decision, now=timezone.now(), acting_user=request.user, channel=WEB
        ),
    )


may_propose = selectors.level_may_propose  # the pages, the admin and the API ask the same question
may_decide = selectors.level_may_decide


def _run(request, decision, step):
    """The decision's form-less step (``common.views.run_step``), back to the agency's page either way."""
    run_step(request, step, success=_("Level decision updated."))
    return redirect("infrastructure:agency_detail", agency_id=decision.agency_id)
