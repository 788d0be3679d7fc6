"""What a user may see and do, derived from role grants in a constant number of queries.

Visibility of agencies: a global ``infrastructure.view_agency`` permission (administrators, competent
authority) sees everything; otherwise the union of the user's own agencies (object grant), the
subtrees of the agencies they supervise (registry path range) and the agencies whose sector regulator
they work for (regulator link). Child rows (incidents, obligations, …) reuse ``agency_scope_q``.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from access import policy
from access.models import AgencyUserObjectPermission
from infrastructure import rules
from infrastructure.models import Agency

# A grant on an agency also covers its subtree (superior agency) …
SUBTREE_INHERITED = frozenset({policy.SUPERVISE_SUBTREE, policy.PROPOSE_LEVEL})
# … or the agencies it regulates (sector regulator).
REGULATED_INHERITED = frozenset({policy.DESIGNATE_CI})


@dataclass(frozen=True)
class AgencyScope:
    sees_all: bool
    grants: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)  # codename → (agency id, path)

    def granted(self, codename: str) -> tuple[tuple[int, str], ...]:
        return self.grants.get(codename, ())


def agency_scope_for(*, user) -> AgencyScope:
    """The user's grants, computed once per user object (i.e. once per request)."""
    cached = getattr(user, "_csma_agency_scope", None)
    if cached is not None:
        return cached
    scope = _compute_scope(user)
    if user.is_authenticated:
        user._csma_agency_scope = scope
    return scope


def _compute_scope(user) -> AgencyScope:
    if not user.is_authenticated or not user.is_active:
        return AgencyScope(sees_all=False)
    if user.has_perm("infrastructure.view_agency"):
        return AgencyScope(sees_all=True)
    rows = (
        AgencyUserObjectPermission.objects.filter(user=user)
        .order_by("permission__codename", "content_object_id")  # the same grants give the same SQL (cache keys)
        .values_list("permission__codename", "content_object_id", "content_object__path")
    )
    grants: dict[str, list[tuple[int, str]]] = {}
    for codename, agency_id, path in rows:
        grants.setdefault(codename, []).append((agency_id, path))
    return AgencyScope(sees_all=False, grants={k: tuple(v) for k, v in grants.items()})


def agency_scope_q(scope: AgencyScope, *, prefix: str = "") -> Q:
    """Q selecting the agencies (or, with ``prefix="agency__"``, the child rows) the scope may see."""
    if scope.sees_all:
        return Q()
    q = Q(**{f"{prefix}pk__in": [agency_id for agency_id, _path in scope.granted(policy.VIEW)]})
    for _agency_id, path in scope.granted(policy.SUPERVISE_SUBTREE):
        q |= Q(**{f"{prefix}path__gte": path, f"{prefix}path__lt": rules.subtree_upper_bound(path)})
    regulator_ids = [agency_id for agency_id, _path in scope.granted(policy.REGULATE_SECTOR)]
    if regulator_ids:
        q |= Q(**{f"{prefix}regulator_id__in": regulator_ids})
    return q


def agencies_visible_to(*, user, base: QuerySet[Agency] | None = None) -> QuerySet[Agency]:
    queryset = base if base is not None else Agency.objects.all()
    scope = agency_scope_for(user=user)
    if not scope.sees_all and not scope.grants:
        return queryset.none()
    return queryset.filter(agency_scope_q(scope))


def user_has_agency_perm(*, user, codename: str, agency: Agency) -> bool:
    """May ``user`` do ``codename`` on ``agency``: global permission, own grant, or inherited grant."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.has_perm(f"infrastructure.{codename}"):
        return True
    for granted_id, granted_path in agency_scope_for(user=user).granted(codename):
        if granted_id == agency.pk:
            return True
        if codename in SUBTREE_INHERITED and agency.path.startswith(granted_path):
            return True
        if codename in REGULATED_INHERITED and agency.regulator_id == granted_id:
            return True
    return False


def supervises_others(*, user) -> bool:
    """Regulators and superior agencies: they review what other agencies file (navigation, queues)."""
    scope = agency_scope_for(user=user)
    return scope.sees_all or bool(scope.granted(policy.SUPERVISE_SUBTREE) or scope.granted(policy.REGULATE_SECTOR))


def users_holding(*, roles) -> QuerySet:
    """Active users holding one of ``roles`` now (each once)."""
    held = Q(role_assignments__role__in=list(roles), role_assignments__revoked_at__isnull=True)
    return get_user_model().objects.filter(held, is_active=True).distinct().order_by("pk")


def roles_of(*, user) -> QuerySet:
    return user.role_assignments.filter(revoked_at__isnull=True).select_related("agency").order_by("role")
