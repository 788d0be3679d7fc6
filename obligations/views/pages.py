"""Agency "my obligations" by year, the cross-agency list, the compliance page."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from access.checks import visible_agency_or_404
from obligations.forms import ObligationFilterForm, YearForm
from obligations.selectors import access
from obligations.selectors.compliance import obligation_compliance_rates
from obligations.selectors.obligations import ObligationFilters, obligation_list, status_counts, year_q

PAGE_SIZE = 50


@login_required
def obligation_list_view(request):
    form = ObligationFilterForm(request.GET or None)
    today = timezone.localdate()
    rows = obligation_list(
        base=access.obligations_visible_to(user=request.user), filters=form.to_filters(), today=today
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "obligations/obligation_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "today": today,
            "year": form.year_or_current(),
            "can_adhoc": access.can_assign_adhoc(user=request.user),
        },
    )


@login_required
def agency_obligations_view(request, agency_id: int):
    agency = visible_agency_or_404(request.user, agency_id)
    year = YearForm(request.GET or None).year_or_current()
    today = timezone.localdate()
    rows = obligation_list(
        base=access.obligations_visible_to(user=request.user),
        filters=ObligationFilters(year=year, agency=agency.pk),
        today=today,
    )
    base = access.obligations_visible_to(user=request.user).filter(year_q(year), agency=agency)
    rate = obligation_compliance_rates(base=base, group_by="all", today=today)[0]
    return render(
        request,
        "obligations/agency_obligations.html",
        {
            "agency": agency,
            "year": year,
            "rows": rows,
            "counts": status_counts(rows),
            "rate": rate,
            "can_submit": access.can_submit_for(user=request.user, agency=agency),
            "years": range(year - 2, year + 3),
        },
    )


@login_required
def compliance_view(request):
    """The compliance page moved to the reports app (paginated, sortable, filterable): keep old links working."""
    query = request.GET.copy()
    by = query.pop("by", ["agency"])[-1]
    query["by"] = by if by in ("agency", "regulator", "sector", "level") else "agency"
    return redirect(f"{reverse('reports:compliance')}?{query.urlencode()}")
