"""Competent-authority national view (levels by year and sector, missed clocks) and drills."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access import policy
from access.checks import require
from access.selectors import user_has_agency_perm
from common.bounds import YEAR_MAX, YEAR_MIN
from common.templatetags.csma_dates import local_year_label
from incidents import forms, selectors, services
from incidents.selectors.visibility import MANAGE_DRILLS, VIEW_ALL, VIEW_FORWARDED

OVERDUE_SHOWN = 200


@login_required
def national_view(request):
    require(request.user.has_perm(VIEW_ALL) or request.user.has_perm(VIEW_FORWARDED))
    now = timezone.now()
    year = _year_or_current(request)
    base = selectors.incident_list_visible_to(user=request.user)
    context = {
        "year": year,
        "year_form": forms.YearForm(initial={"year": year}),
        "by_level": selectors.incident_counts_by_level(base=base),
        "by_sector": selectors.incident_counts_by_sector(base=base, year=year),
        "missed": selectors.missed_clock_counts(base=base, year=year),
        "overdue": list(selectors.incident_list_overdue(now=now, base=base)[:OVERDUE_SHOWN]),
        "now": now,
    }
    return render(request, "incidents/incident_national.html", context)


def _year_or_current(request) -> int:
    """?year= as a compliance year, ROC (115) or Western (2026); anything else is ignored with a message (issue 9)."""
    form = forms.YearForm(request.GET)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    if year is None:
        if request.GET.get("year"):
            messages.warning(request, _("The year must be between %(min)s and %(max)s; showing this year.") % {
                "min": local_year_label(YEAR_MIN), "max": local_year_label(YEAR_MAX)})  # fmt: skip
        year = timezone.localdate().year
    return year


@login_required
def drill_list_view(request):
    drills = list(selectors.drill_list_visible_to(user=request.user).order_by("-ends_on", "agency__path")[:500])
    context = {
        "drills": drills,
        "now": timezone.now(),
        "assign_form": forms.DrillAssignForm(),
        "may_assign": request.user.has_perm(MANAGE_DRILLS),
        "today": timezone.localdate(),
    }
    return render(request, "incidents/drill_list.html", context)


@login_required
@require_POST
def drill_assign_view(request):
    require(request.user.has_perm(MANAGE_DRILLS))
    form = forms.DrillAssignForm(request.POST)
    if form.is_valid():
        services.drill_assign_year(
            agencies=selectors.drill_obligated_agencies(),
            year=form.cleaned_data["year"],
            acting_user=request.user,
            now=timezone.now(),
        )
    return redirect("incidents:drills")


@login_required
@require_POST
def drill_update_view(request, drill_id: int, step: str):
    if step not in ("conducted", "results"):
        raise Http404
    drill = get_object_or_404(selectors.drill_list_visible_to(user=request.user), pk=drill_id)
    require(user_has_agency_perm(user=request.user, codename=policy.ACT_FOR_AGENCY, agency=drill.agency))
    form = (forms.DrillConductedForm if step == "conducted" else forms.DrillResultsForm)(request.POST)
    if form.is_valid():
        try:
            _drill_step(drill, step, form.cleaned_data, user=request.user)
        except ValidationError:
            pass  # shown as unchanged; the list shows what is still missing
    return redirect("incidents:drills")


def _drill_step(drill, step: str, data: dict, *, user) -> None:
    if step == "conducted":
        services.drill_record_conducted(
            drill=drill,
            conducted_on=data["conducted_on"],
            participants=data["participants"],
            acting_user=user,
            now=timezone.now(),
        )
    else:
        services.drill_submit_results(drill=drill, summary=data["summary"], acting_user=user, now=timezone.now())
