"""Every non-trivial read of the registry. Querysets stay lazy; counts do not grow with rows."""

from dataclasses import dataclass, replace
from datetime import date

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from access import policy
from access.selectors import agencies_visible_to, user_has_agency_perm
from infrastructure import rules
from infrastructure.models import (
    Agency,
    AgencyContact,
    AgencyEvent,
    InformationSystem,
    LevelDecision,
    RegistryImport,
    Sector,
)


def subtree_q(path: str, *, prefix: str = "") -> Q:
    """Q for every agency whose path starts with ``path`` (an indexed range, not LIKE)."""
    return Q(**{f"{prefix}path__gte": path, f"{prefix}path__lt": rules.subtree_upper_bound(path)})


def _approved_levels(on: date) -> QuerySet[LevelDecision]:
    return LevelDecision.objects.filter(
        agency=OuterRef("pk"), status=LevelDecision.Status.APPROVED, effective_from__lte=on
    ).order_by("-effective_from", "-decided_at", "-pk")


def agency_annotate_level(queryset: QuerySet[Agency], *, on: date | None = None) -> QuerySet[Agency]:
    """Annotate ``current_level`` and ``reapproval_due`` (the latest approved decision effective on ``on``)."""
    levels = _approved_levels(on or timezone.localdate())
    return queryset.annotate(
        current_level=Subquery(levels.values("level")[:1]),
        reapproval_due=Subquery(levels.values("reapproval_due")[:1]),
    )


def level_current_for(*, agency: Agency, on: date | None = None) -> str | None:
    return (
        agency_annotate_level(Agency.objects.filter(pk=agency.pk), on=on)
        .values_list("current_level", flat=True)
        .first()
    )


@dataclass(frozen=True)
class AgencyFilters:
    q: str = ""
    kind: str = ""
    sector: int | None = None
    level: str = ""
    regulator: int | None = None
    parent: int | None = None
    is_active: bool | None = True


def agency_list(
    *, filters: AgencyFilters = AgencyFilters(), base: QuerySet[Agency] | None = None, on: date | None = None
) -> QuerySet[Agency]:
    """Registry list: filtered, with parent, regulator, sectors and current level in a constant number of queries."""
    queryset = agency_annotate_level(base if base is not None else Agency.objects.all(), on=on)
    queryset = _apply_filters(queryset, filters)
    return queryset.select_related("parent", "regulator").prefetch_related("sectors").order_by("path")


def _apply_filters(queryset: QuerySet[Agency], filters: AgencyFilters) -> QuerySet[Agency]:
    if filters.q:
        queryset = queryset.filter(
            Q(name__icontains=filters.q)
            | Q(name_en__icontains=filters.q)
            | Q(oid__startswith=filters.q)
            | Q(org_code=filters.q)
        )
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.sector:
        queryset = queryset.filter(sectors=filters.sector)
    if filters.level:
        queryset = queryset.filter(current_level=filters.level)
    if filters.regulator:
        queryset = queryset.filter(regulator_id=filters.regulator)
    if filters.parent:
        queryset = queryset.filter(parent_id=filters.parent)
    if filters.is_active is not None:
        queryset = queryset.filter(is_active=filters.is_active)
    return queryset


def agency_subtree(*, agency: Agency, include_self: bool = True) -> QuerySet[Agency]:
    queryset = Agency.objects.filter(subtree_q(agency.path))
    return queryset if include_self else queryset.exclude(pk=agency.pk)


def agency_ancestors(*, agency: Agency) -> list[Agency]:
    """Root first, excluding the agency itself: one query from the path's ids."""
    ids = rules.ancestor_ids(agency.path)[:-1]
    by_id = Agency.objects.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def agency_get_detail(*, agency_id: int, base: QuerySet[Agency] | None = None) -> Agency:
    """One agency with what its detail page shows (raises Agency.DoesNotExist)."""
    queryset = agency_annotate_level(base if base is not None else Agency.objects.all())
    return (
        queryset.select_related("parent", "regulator")
        .prefetch_related(
            "sectors",
            Prefetch(
                "level_decisions",
                queryset=LevelDecision.objects.select_related(
                    "proposed_by", "submitted_by", "decided_by", "cycle_rule"
                ),
            ),
            Prefetch("contacts", queryset=AgencyContact.objects.order_by("role", "-valid_from")),
            "systems",
            Prefetch("ci_designations__sectors"),
            "ci_designations__designated_by",
            "reorganisations__successor",
        )
        .get(pk=agency_id)
    )


def agency_children(*, agency: Agency, base: QuerySet[Agency] | None = None) -> QuerySet[Agency]:
    queryset = (base if base is not None else Agency.objects.all()).filter(parent=agency)
    return agency_annotate_level(queryset).order_by("name")


def agency_events(*, agency: Agency) -> QuerySet[AgencyEvent]:
    return agency.events.select_related("actor", "registry_import").order_by("-occurred_at", "-id")


def agency_names_by_id(*, ids, base: QuerySet[Agency] | None = None) -> dict[int, Agency]:
    """Agencies (id and names only) by id, for labels such as filter chips and change-log values: one query.
    With ``base`` (the user's visible agencies) an id outside it gets no name."""
    queryset = base if base is not None else Agency.objects.all()
    return queryset.only("id", "name", "name_en").in_bulk([pk for pk in ids if pk])


def agency_ids_visible(*, ids, base: QuerySet[Agency]) -> frozenset[int]:
    """Which of ``ids`` lie in ``base`` (the user's visible agencies): one query, none for no ids. The pages
    link an agency they name only when it is in here; any other is its plain name (a link would answer 404)."""
    wanted = {pk for pk in ids if pk}
    if not wanted:
        return frozenset()
    return frozenset(base.filter(pk__in=wanted).values_list("pk", flat=True))


def agency_filters_in_scope(*, filters: AgencyFilters, base: QuerySet[Agency]) -> AgencyFilters:
    """The filters with a regulator / superior-agency id outside ``base`` dropped (issue 9: a filter value
    the user may not see is ignored and never names the object)."""
    wanted = [pk for pk in (filters.regulator, filters.parent) if pk]
    if not wanted:
        return filters
    visible = agency_ids_visible(ids=wanted, base=base)
    return replace(
        filters,
        regulator=filters.regulator if filters.regulator in visible else None,
        parent=filters.parent if filters.parent in visible else None,
    )


def sector_names_by_id(*, ids) -> dict[int, Sector]:
    return Sector.objects.in_bulk([pk for pk in ids if pk])


def registry_imports_visible_to(*, user) -> QuerySet[RegistryImport]:
    """Imports a user may look at. For now every holder of view_registryimport sees every import
    (the view checks the global permission); the access issue narrows this to the user's scope."""
    return RegistryImport.objects.select_related("uploaded_by", "applied_by")


# Who may write what in the registry (the pages', the admin's and the API's one answer) --------------------


def level_decisions_visible_to(*, user) -> QuerySet[LevelDecision]:
    """Level decisions of the agencies ``user`` may see (any other decision is a 404)."""
    return LevelDecision.objects.select_related("agency", "deciding_agency").filter(
        agency__in=agencies_visible_to(user=user)
    )


def level_may_propose(user, agency: Agency) -> bool:
    """分級辦法 Art 3: a superior agency proposes for its subtree; an SNGA's level is submitted by its sector
    regulator (¶II "所管之特定非公務機關"), so the regulator's staff may propose it too."""
    if user_has_agency_perm(user=user, codename=policy.PROPOSE_LEVEL, agency=agency):
        return True
    regulator = agency.regulator if agency.kind == "sngo" else None
    return regulator is not None and user_has_agency_perm(user=user, codename=policy.REGULATE_SECTOR, agency=regulator)


def level_may_decide(user, decision: LevelDecision) -> bool:
    """The competent authority approves (Art 3 ¶II–IV); under ¶V (and ¶I for the Executive Yuan's own) the deciding
    body does, through the staff who supervise it."""
    if user.has_perm("infrastructure.approve_level"):
        return True
    body = decision.deciding_agency
    return body is not None and user_has_agency_perm(user=user, codename=policy.SUPERVISE_SUBTREE, agency=body)


def record_may_write(user, model: type[AgencyContact] | type[InformationSystem], action: str) -> bool:
    """Contacts and information systems are kept in the Django admin only (staff holding the model's ``add`` /
    ``change`` permission, as ``ModelAdmin.has_add_permission`` / ``has_change_permission`` ask); the API asks
    the same question."""
    opts = model._meta
    return bool(user.is_active and user.is_staff and user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}"))


def contacts_visible_to(*, user) -> QuerySet[AgencyContact]:
    return AgencyContact.objects.select_related("agency").filter(agency__in=agencies_visible_to(user=user))


def systems_visible_to(*, user) -> QuerySet[InformationSystem]:
    return InformationSystem.objects.select_related("agency").filter(agency__in=agencies_visible_to(user=user))
