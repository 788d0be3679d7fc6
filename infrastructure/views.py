"""Registry pages: thin views over selectors and services."""
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from infrastructure import exports, selectors
from infrastructure.forms import AgencyFilterForm
from infrastructure.models import Agency

PAGE_SIZE = 50


@login_required
@permission_required("infrastructure.view_agency", raise_exception=True)
def agency_list_view(request):
    form = AgencyFilterForm(request.GET or None)
    agencies = selectors.agency_list(filters=form.to_filters())
    page = Paginator(agencies, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "infrastructure/agency_list.html",
                  {"form": form, "page": page, "query": query.urlencode()})


@login_required
@permission_required("infrastructure.view_agency", raise_exception=True)
def agency_detail_view(request, agency_id: int):
    try:
        agency = selectors.agency_get_detail(agency_id=agency_id)
    except Agency.DoesNotExist:
        raise Http404 from None
    context = {
        "agency": agency,
        "ancestors": selectors.agency_ancestors(agency=agency),
        "children": selectors.agency_children(agency=agency),
        "events": selectors.agency_events(agency=agency)[:100],
    }
    return render(request, "infrastructure/agency_detail.html", context)


@login_required
@permission_required("infrastructure.view_agency", raise_exception=True)
def agency_export_view(request, file_format: str):
    if file_format not in exports.FORMATS:
        raise Http404
    form = AgencyFilterForm(request.GET or None)
    agencies = selectors.agency_list(filters=form.to_filters())
    content, content_type = exports.agency_export(agencies=agencies, file_format=file_format)
    response = HttpResponse(content, content_type=content_type)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="csma-registry-{stamp}.{file_format}"'
    return response
