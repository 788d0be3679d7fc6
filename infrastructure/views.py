"""Registry pages: thin views. Agencies are fetched through the user's visibility scope, so an agency
the user may not see answers 404 (access/selectors.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.audit import read_log
from access.checks import found_or_404
from access.models import ReadEvent
from access.selectors import agencies_visible_to
from common.bounds import parse_page
from common.pickers import agency_search
from infrastructure import exports, level_views, presentation, selectors
from infrastructure.forms import AgencyFilterForm
from infrastructure.models import Agency

PAGE_SIZE = 50
CHILDREN_SHOWN = 200
EVENTS_SHOWN = 100


@login_required
def agency_list_view(request):
    form = AgencyFilterForm(request.GET or None)
    visible = agencies_visible_to(user=request.user)
    filters = _filters_in_scope(request, form, visible)
    agencies = selectors.agency_list(filters=filters, base=visible)
    page = Paginator(agencies, PAGE_SIZE).get_page(parse_page(request.GET.get("page")))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "chips": _filter_chips(filters, query, visible),
        "linkable": selectors.agency_ids_visible(ids=_list_named_ids(page.object_list), base=visible),
    }
    return render(request, "infrastructure/agency_list.html", context)


@login_required
def agency_search_view(request):
    """Suggestions for agency pickers: active agencies the user can see, by name or OID (JSON, ≤ 20)."""
    base = agencies_visible_to(user=request.user, base=Agency.objects.filter(is_active=True))
    return JsonResponse({"results": agency_search(base, request.GET.get("q", "")[:100])})


@login_required
def agency_detail_view(request, agency_id: int):
    visible = agencies_visible_to(user=request.user)
    agency = found_or_404(selectors.agency_get_detail, agency_id=agency_id, base=visible)
    children = list(selectors.agency_children(agency=agency, base=visible)[: CHILDREN_SHOWN + 1])
    ancestors = selectors.agency_ancestors(agency=agency)
    context = {
        "agency": agency,
        "ancestors": ancestors,
        "linkable": selectors.agency_ids_visible(ids=_detail_named_ids(agency, ancestors), base=visible),
        "children": children[:CHILDREN_SHOWN],
        "more_children": len(children) > CHILDREN_SHOWN,
        "events": presentation.describe_events(list(selectors.agency_events(agency=agency)[:EVENTS_SHOWN])),
        "today": timezone.localdate(),
        "can_propose_level": level_views.may_propose(request.user, agency),
        "can_approve_level": request.user.has_perm("infrastructure.approve_level"),
        "decidable": [d.pk for d in agency.level_decisions.all() if level_views.may_decide(request.user, d)],
    }
    return render(request, "infrastructure/agency_detail.html", context)


@login_required
def agency_export_view(request, file_format: str):
    if file_format not in exports.FORMATS:
        raise Http404
    form = AgencyFilterForm(request.GET or None)
    visible = agencies_visible_to(user=request.user)
    agencies = selectors.agency_list(filters=_filters_in_scope(request, form, visible), base=visible)
    content, content_type = exports.agency_export(agencies=agencies, file_format=file_format)
    read_log(
        user=request.user,
        action=ReadEvent.Action.EXPORT,
        object_type="agency_registry",
        description=f"registry export ({file_format})",
        data={"filters": request.GET.dict()},
    )
    response = HttpResponse(content, content_type=content_type)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="csma-registry-{stamp}.{file_format}"'
    return response


# Presentation helpers (no writes; a constant number of queries) -------------------------------------


def _list_named_ids(agencies) -> list[int]:
    """The other agencies each row names (superior agency, sector regulator), linked only if visible."""
    return [pk for agency in agencies for pk in (agency.parent_id, agency.regulator_id)]


def _detail_named_ids(agency: Agency, ancestors: list[Agency]) -> list[int]:
    """The other agencies the detail page names besides its children (already in scope): the breadcrumb, the
    superior agency, the sector regulator, the designating regulators and the successors (all prefetched)."""
    return [
        *(ancestor.pk for ancestor in ancestors),
        agency.parent_id,
        agency.regulator_id,
        *(designation.designated_by_id for designation in agency.ci_designations.all()),
        *(reorganisation.successor_id for reorganisation in agency.reorganisations.all()),
    ]


def _filters_in_scope(request, form: AgencyFilterForm, visible):
    """The form's filters; a regulator / superior agency the user may not see (or a malformed id) is ignored,
    with a message that names nothing."""
    filters = form.to_filters()
    scoped = selectors.agency_filters_in_scope(filters=filters, base=visible)
    asked = any(request.GET.get(key) for key in ("regulator", "parent"))
    if asked and (scoped != filters or form.errors.keys() & {"regulator", "parent"}):
        messages.warning(request, _("A filter that does not name an agency you can see was ignored."))
    return scoped


def _filter_chips(filters, query, visible) -> list[dict]:
    """Removable chips for the regulator / superior-agency filters that arrive as ?regulator=ID / ?parent=ID."""
    wanted = {"regulator": (filters.regulator, _("Sector regulator")), "parent": (filters.parent, _("Superior agency"))}
    ids = [agency_id for agency_id, _label in wanted.values() if agency_id]
    if not ids:
        return []
    names = selectors.agency_names_by_id(ids=ids, base=visible)
    chips = []
    for key, (agency_id, label) in wanted.items():
        if agency_id:
            rest = query.copy()
            rest.pop(key, None)
            chips.append(
                {
                    "label": label,
                    "agency": names.get(agency_id),
                    "agency_id": agency_id,
                    "remove_query": rest.urlencode(),
                }
            )
    return chips
