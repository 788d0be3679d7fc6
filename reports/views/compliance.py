"""The compliance pages: per agency (filter, sort, paginate), per sector / regulator / level, drill-down."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from obligations.selectors.compliance import obligation_compliance_rates
from reports import figures, presentation, selectors
from reports.dashboards import year_choices
from reports.forms import GROUPINGS, ComplianceFilterForm
from reports.views._helpers import picked_year, scope_or_404

PAGE_SIZE = 50
EXPORT_FORMATS = ("xlsx", "ods", "csv")


def filter_form(request, scope) -> ComplianceFilterForm:
    return ComplianceFilterForm(
        request.GET or None,
        regulators=selectors.regulators_of(visible=scope.agencies),
        band_labels={key: str(label) for key, label in presentation.BAND_LABELS.items()},
    )


@login_required
def compliance_view(request):
    scope = scope_or_404(request)
    form, year, today = filter_form(request, scope), picked_year(request), timezone.localdate()
    agencies = selectors.compliance_agencies(visible=scope.agencies, filters=form.registry_filters())
    by = request.GET.get("by") if request.GET.get("by") in GROUPINGS else "agency"
    sort, descending = form.sort_key()
    context = {"form": form, "year": year, "years": year_choices(today=today), "by": by, "groupings": GROUPINGS}
    context["formats"] = EXPORT_FORMATS
    computed = selectors.compliance_figures_cached(agencies=agencies, year=year, today=today, now=timezone.now())
    context |= {"total": computed.total, "by_level": computed.by_level, "computed_at": computed.computed_at}
    if by == "agency":
        rows = selectors.pick_rows(computed.rows, band=form.band_key(), sort=sort, descending=descending)
        context["page"] = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    else:
        base = figures.scoped_obligations(agencies=agencies, year=year)
        context["groups"] = obligation_compliance_rates(base=base, group_by=by, today=today)
    context |= _query_strings(request, sort=sort, descending=descending)
    return render(request, "reports/compliance.html", context)


def _query_strings(request, *, sort: str, descending: bool) -> dict:
    """The current filters without page / sort, for pagination and sortable headers."""
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("sort", None)
    keep = [(key, value) for key, value in query.items() if key != "year"]
    return {"query": query.urlencode(), "sort": sort, "descending": descending, "keep": keep}


@login_required
def agency_compliance_view(request, agency_id: int):
    scope = scope_or_404(request)
    agency = get_object_or_404(scope.agencies.select_related("parent", "regulator"), pk=agency_id)
    year, today, now = picked_year(request), timezone.localdate(), timezone.now()
    one = scope.agencies.filter(pk=agency.pk)
    (row,) = figures.agency_rows(agencies=one, year=year, today=today, now=now) or (None,)
    context = {
        "agency": agency,
        "row": row,
        "year": year,
        "years": year_choices(today=today),
        "keep": [],
        "items": selectors.agency_items(agency=agency, year=year, today=today),
        "incidents": selectors.agency_incidents(agency=agency, year=year, now=now),
        "clocks": figures.clock_figures(agencies=one, year=year, now=now),
    }
    return render(request, "reports/agency_compliance.html", context)
