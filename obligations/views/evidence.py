"""One obligation: detail, evidence upload, download (logged), review, exemption."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.audit import read_log
from access.checks import found_or_404, require, visible_or_404
from access.models import ReadEvent
from common.uploads import download_response
from common.views import run_form
from obligations import rules, services
from obligations.forms import EvidenceForm, ExemptForm, ReviewForm
from obligations.selectors import access
from obligations.selectors.obligations import obligation_get_detail


def _detail(request, obligation_id: int):
    return found_or_404(
        obligation_get_detail,
        obligation_id=obligation_id,
        today=timezone.localdate(),
        base=access.obligations_visible_to(user=request.user),
    )


def _render(request, obligation, *, evidence_form=None, review_form=None, exempt_form=None, status=200):
    user, agency = request.user, obligation.agency
    return render(
        request,
        "obligations/obligation_detail.html",
        {
            "obligation": obligation,
            "evidence_form": evidence_form or EvidenceForm(),
            "review_form": review_form or ReviewForm(),
            "exempt_form": exempt_form or ExemptForm(),
            "can_submit": access.can_submit_for(user=user, agency=agency)
            and obligation.status in rules.SUBMITTABLE_STATUSES,
            "can_review": access.can_review(user=user, agency=agency),
        },
        status=status,
    )


@login_required
def obligation_detail_view(request, obligation_id: int):
    return _render(request, _detail(request, obligation_id))


@login_required
@require_POST
def evidence_submit_view(request, obligation_id: int):
    obligation = _detail(request, obligation_id)
    require(access.can_submit_for(user=request.user, agency=obligation.agency))
    form = EvidenceForm(request.POST, request.FILES)
    if run_form(
        request,
        form,
        lambda data: services.evidence_submit(
            obligation=obligation,
            uploads=data["files"],
            acting_user=request.user,
            now=timezone.now(),
            statement=data["statement"],
            performed_on=data["performed_on"],
            valid_until=data["valid_until"],
        ),
        success=_("Evidence submitted for review."),
    ):
        return redirect("obligations:detail", obligation_id=obligation.pk)
    return _render(request, obligation, evidence_form=form, status=400)


@login_required
def evidence_download_view(request, file_id: int):
    stored = visible_or_404(
        access.evidence_files_visible_to(user=request.user).select_related("submission"), pk=file_id
    )
    read_log(
        user=request.user,
        action=ReadEvent.Action.DOWNLOAD,
        object_type="evidence_file",
        object_id=stored.pk,
        description=stored.original_name,
        data={"obligation": stored.submission.obligation_id},
    )
    return download_response(stored.file, filename=stored.original_name, content_type=stored.content_type)


@login_required
@require_POST
def evidence_review_view(request, submission_id: int):
    submission = visible_or_404(
        access.submissions_visible_to(user=request.user).select_related("obligation__agency"), pk=submission_id
    )
    require(access.can_review(user=request.user, agency=submission.obligation.agency))
    form = ReviewForm(request.POST)
    if run_form(
        request,
        form,
        lambda data: services.evidence_review(
            submission=submission,
            accept=data["decision"] == "accept",
            reason=data["reason"],
            acting_user=request.user,
            now=timezone.now(),
        ),
        success=_("Review recorded."),
    ):
        if request.POST.get("next") == "queue":
            return redirect("obligations:review_queue")
        return redirect("obligations:detail", obligation_id=submission.obligation_id)
    return _render(request, _detail(request, submission.obligation_id), review_form=form, status=400)


@login_required
@require_POST
def obligation_exempt_view(request, obligation_id: int):
    obligation = _detail(request, obligation_id)
    require(access.can_review(user=request.user, agency=obligation.agency))
    form = ExemptForm(request.POST)
    if run_form(
        request,
        form,
        lambda data: services.obligation_exempt(
            obligation=obligation, acting_user=request.user, now=timezone.now(), **data
        ),
        success=_("Obligation exempted."),
    ):
        return redirect("obligations:detail", obligation_id=obligation.pk)
    return _render(request, obligation, exempt_form=form, status=400)
