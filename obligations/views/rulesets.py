"""Rule sets: list, detail, side-by-side comparison; new draft version and publish (rule-data managers)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.checks import require
from common.views import run_step
from obligations import services
from obligations.forms import PublishForm
from obligations.models import RuleSet
from obligations.selectors import access
from obligations.selectors.rulesets import ruleset_compare, ruleset_list, ruleset_requirements


@login_required
def ruleset_list_view(request):
    return render(
        request,
        "obligations/ruleset_list.html",
        {"rule_sets": ruleset_list(), "can_manage": request.user.has_perm(access.RULE_DATA_PERM)},
    )


@login_required
def ruleset_detail_view(request, ruleset_id: int):
    rule_set = get_object_or_404(RuleSet, pk=ruleset_id)
    return render(
        request,
        "obligations/ruleset_detail.html",
        {
            "rule_set": rule_set,
            "requirements": ruleset_requirements(rule_set=rule_set),
            "can_manage": request.user.has_perm(access.RULE_DATA_PERM),
            "publish_form": PublishForm(),
        },
    )


@login_required
def ruleset_compare_view(request):
    rule_sets = list(ruleset_list())
    by_id = {str(r.pk): r for r in rule_sets}
    left, right = by_id.get(request.GET.get("left", "")), by_id.get(request.GET.get("right", ""))
    if (left is None or right is None) and len(rule_sets) >= 2:
        left, right = left or rule_sets[1], right or rule_sets[0]
    rows = ruleset_compare(left=left, right=right) if left and right else []
    return render(
        request,
        "obligations/ruleset_compare.html",
        {"rule_sets": rule_sets, "left": left, "right": right, "rows": rows},
    )


@login_required
@require_POST
def ruleset_new_version_view(request, ruleset_id: int):
    require(request.user.has_perm(access.RULE_DATA_PERM))
    rule_set = get_object_or_404(RuleSet, pk=ruleset_id)
    draft = services.ruleset_new_version(rule_set=rule_set, acting_user=request.user, now=timezone.now())
    messages.success(
        request,
        _("Draft version %(version)s created; edit its requirements in the administration.")
        % {"version": draft.version},
    )
    return redirect("obligations:ruleset_detail", ruleset_id=draft.pk)


@login_required
@require_POST
def ruleset_publish_view(request, ruleset_id: int):
    require(request.user.has_perm(access.RULE_DATA_PERM))
    rule_set = get_object_or_404(RuleSet, pk=ruleset_id)
    form = PublishForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run_step(
            request,
            lambda: services.ruleset_publish(rule_set=rule_set, acting_user=request.user, now=timezone.now(), **data),
            success=_("Rule set published."),
        )
    return redirect("obligations:ruleset_detail", ruleset_id=rule_set.pk)
