"""Registry pages: thin views over selectors and services."""
import re
from datetime import date, datetime

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from common import roc
from common.templatetags.csma_dates import local_date, local_datetime
from infrastructure import exports, selectors
from infrastructure.forms import AgencyFilterForm
from infrastructure.models import Agency, AgencyContact, AgencyKind, Reorganisation, SNGACategory

PAGE_SIZE = 50
CHILDREN_SHOWN = 200
EVENTS_SHOWN = 100


@login_required
@permission_required("infrastructure.view_agency", raise_exception=True)
def agency_list_view(request):
    form = AgencyFilterForm(request.GET or None)
    filters = form.to_filters()
    page = Paginator(selectors.agency_list(filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "chips": _filter_chips(filters, query)}
    return render(request, "infrastructure/agency_list.html", context)


@login_required
@permission_required("infrastructure.view_agency", raise_exception=True)
def agency_detail_view(request, agency_id: int):
    try:
        agency = selectors.agency_get_detail(agency_id=agency_id)
    except Agency.DoesNotExist:
        raise Http404 from None
    children = list(selectors.agency_children(agency=agency)[: CHILDREN_SHOWN + 1])
    context = {
        "agency": agency,
        "ancestors": selectors.agency_ancestors(agency=agency),
        "children": children[:CHILDREN_SHOWN],
        "more_children": len(children) > CHILDREN_SHOWN,
        "events": _describe_events(list(selectors.agency_events(agency=agency)[:EVENTS_SHOWN])),
        "today": timezone.localdate(),
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


# Presentation helpers (no writes; a constant number of queries) -------------------------------------

def _filter_chips(filters, query) -> list[dict]:
    """Removable chips for the regulator / superior-agency filters that arrive as ?regulator=ID / ?parent=ID."""
    wanted = {"regulator": (filters.regulator, _("Sector regulator")),
              "parent": (filters.parent, _("Superior agency"))}
    ids = [agency_id for agency_id, _label in wanted.values() if agency_id]
    if not ids:
        return []
    names = selectors.agency_names_by_id(ids=ids)
    chips = []
    for key, (agency_id, label) in wanted.items():
        if agency_id:
            rest = query.copy()
            rest.pop(key, None)
            chips.append({"label": label, "agency": names.get(agency_id), "agency_id": agency_id,
                          "remove_query": rest.urlencode()})
    return chips


AGENCY_REF_KEYS = {"parent", "regulator", "designated_by", "successor", "successors"}
SECTOR_KEYS = {"sectors"}
HIDDEN_KEYS = {"decision"}
CHOICE_LABELS = {
    "kind": {**dict(AgencyKind.choices), **dict(Reorganisation.Kind.choices)},
    "sngo_category": dict(SNGACategory.choices),
    "role": dict(AgencyContact.Role.choices),
}
KEY_LABELS = {
    "level": _("level"),
    "criteria": _("criteria met"),
    "effective_from": _("effective from"),
    "effective_on": _("effective on"),
    "reapproval_due": _("re-approval due"),
    "rule": _("legal basis"),
    "reason": _("reason"),
    "dissolved_on": _("dissolved on"),
    "designated_by": _("designating regulator"),
    "designated_on": _("designated on"),
    "approved_on": _("approved on (Executive Yuan)"),
    "notified_on": _("written notice on"),
    "withdrawn_on": _("withdrawn on"),
    "successor": _("successor"),
    "successors": _("successors"),
    "system": _("information system"),
    "created": _("created"),
    "role": _("role"),
    "valid_from": _("valid from"),
    "valid_to": _("valid to"),
    "file": _("file"),
    "row": _("row"),
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _describe_events(events) -> list[dict]:
    """Each event with its ``data`` as readable rows: [{"label", "before", "after", "has_before"}]."""
    changes = [(event, list(_event_changes(event.data or {}))) for event in events]
    agency_ids, sector_ids = set(), set()
    for _event, rows in changes:
        for key, before, after, _has_before in rows:
            target = agency_ids if key in AGENCY_REF_KEYS else sector_ids if key in SECTOR_KEYS else None
            if target is not None:
                target.update(_ints(before) + _ints(after))
    names = {"agencies": selectors.agency_names_by_id(ids=agency_ids) if agency_ids else {},
             "sectors": selectors.sector_names_by_id(ids=sector_ids) if sector_ids else {}}
    return [
        {"event": event, "rows": [
            {"label": _key_label(key), "before": _readable(key, before, names), "after": _readable(key, after, names),
             "has_before": has_before}
            for key, before, after, has_before in rows if key not in HIDDEN_KEYS]}
        for event, rows in changes
    ]


def _event_changes(data: dict):
    """(key, before, after, has_before) from the three shapes the services write."""
    for key, pair in (data.get("changes") or {}).items():
        if isinstance(pair, (list, tuple)) and len(pair) == 2:
            yield key, pair[0], pair[1], True
        else:
            yield key, None, pair, False
    before, after = data.get("before") or {}, data.get("after") or {}
    if isinstance(before, dict) and isinstance(after, dict):
        for key in dict.fromkeys([*before, *after]):
            yield key, before.get(key), after.get(key), bool(before)
    for key, value in data.items():
        if key not in ("changes", "before", "after"):
            yield key, None, value, False


def _ints(value) -> list[int]:
    values = value if isinstance(value, (list, tuple)) else [value]
    return [item for item in values if isinstance(item, int) and not isinstance(item, bool)]


def _key_label(key: str):
    if key in KEY_LABELS:
        return KEY_LABELS[key]
    try:
        return Agency._meta.get_field(key).verbose_name
    except Exception:  # noqa: BLE001 - an unknown key is shown as it is
        return key


def _name(obj) -> str:
    english = getattr(obj, "name_en", "") if (translation.get_language() or "").startswith("en") else ""
    return english or getattr(obj, "name_zh", None) or str(obj)


def _readable(key: str, value, names: dict) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if key in AGENCY_REF_KEYS or key in SECTOR_KEYS:
        lookup = names["agencies"] if key in AGENCY_REF_KEYS else names["sectors"]
        items = value if isinstance(value, (list, tuple)) else [value]
        return "、".join(_name(lookup[item]) if item in lookup else f"#{item}" for item in items) or "—"
    if key in CHOICE_LABELS and isinstance(value, str):
        return str(CHOICE_LABELS[key].get(value, value))
    if isinstance(value, (list, tuple)):
        return ", ".join(_readable(key, item, names) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{_key_label(k)}: {_readable(k, v, names)}" for k, v in value.items())
    if isinstance(value, str) and ISO_DATE.match(value):
        return local_date(date.fromisoformat(value))
    if isinstance(value, str) and ISO_DATETIME.match(value):
        moment = datetime.fromisoformat(value)
        return local_datetime(moment if moment.tzinfo else moment.replace(tzinfo=roc.TAIPEI))
    return str(value)
