"""Annual filings of one agency: list, edit (own officers or, delegated, the superior / regulator), review."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.checks import require, visible_agency_or_404, visible_or_404
from common.bounds import parse_year
from common.views import run_form, run_step
from obligations import services
from obligations.forms import FilingForm, ReviewForm, YearForm
from obligations.models import FilingKind
from obligations.rules import sections
from obligations.selectors import access
from obligations.selectors.filings import filing_latest, filing_list


@login_required
def filing_list_view(request, agency_id: int):
    agency = visible_agency_or_404(request.user, agency_id)
    year = YearForm(request.GET or None).year_or_current()
    return render(
        request,
        "obligations/filing_list.html",
        {
            "agency": agency,
            "year": year,
            "filings": filing_list(agency=agency),
            "can_file": access.can_file_for(user=request.user, agency=agency),
            "can_review": access.can_review(user=request.user, agency=agency),
            "review_form": ReviewForm(),
        },
    )


@login_required
def filing_edit_view(request, agency_id: int, kind: str, year: int):
    agency = visible_agency_or_404(request.user, agency_id)
    if kind not in FilingKind.values or parse_year(year) is None:  # the URL takes any integer (issue 9)
        raise Http404
    require(access.can_file_for(user=request.user, agency=agency))
    latest = filing_latest(agency=agency, kind=kind, year=year)
    chinese = (translation.get_language() or "").startswith("zh")
    form = FilingForm(
        request.POST or None,
        kind=kind,
        sections=sections.titles(chinese=chinese),
        initial_sections=latest.texts if latest else {},
    )
    if request.method == "POST" and run_form(
        request, form, lambda data: _save(request, agency, kind, year, form), success=_("Filing saved.")
    ):
        return redirect("obligations:filings", agency_id=agency.pk)
    return render(
        request,
        "obligations/filing_edit.html",
        {"agency": agency, "kind": kind, "year": year, "form": form, "latest": latest},
    )


def _save(request, agency, kind: str, year: int, form: FilingForm) -> None:
    now = timezone.now()
    filing = services.filing_save(
        agency=agency,
        kind=kind,
        year=year,
        sections=form.sections(),
        acting_user=request.user,
        on_behalf=not access.can_submit_for(user=request.user, agency=agency),
        now=now,
    )
    if "submit" in request.POST:
        services.filing_submit(filing=filing, acting_user=request.user, now=now)


@login_required
@require_POST
def filing_review_view(request, filing_id: int):
    filing = visible_or_404(access.filings_visible_to(user=request.user).select_related("agency"), pk=filing_id)
    require(access.can_review(user=request.user, agency=filing.agency))
    form = ReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run_step(
            request,
            lambda: services.filing_review(
                filing=filing,
                accept=data["decision"] == "accept",
                reason=data["reason"],
                acting_user=request.user,
                now=timezone.now(),
            ),
            success=_("Review recorded."),
        )
    return redirect("obligations:filings", agency_id=filing.agency_id)
