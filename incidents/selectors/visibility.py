"""Who sees which incident and who may do what with it. Invisible → 404 (fetch through
``incident_list_visible_to``); visible but not allowed → 403 (the ``may_*`` checks)."""

from django.db.models import Q, QuerySet

from access import policy
from access.selectors import agency_scope_for, agency_scope_q, user_has_agency_perm
from incidents.models import Incident
from incidents.rules import IncidentStatus
from infrastructure import rules as registry_rules
from infrastructure.models import AgencyKind

VIEW_ALL = "incidents.view_all_incidents"
VIEW_FORWARDED = "incidents.view_forwarded_incidents"
REREVIEW = "incidents.rereview_incident"
MANAGE_DRILLS = "incidents.manage_drills"


def _active(user) -> bool:
    return user.is_authenticated and user.is_active


def incident_visibility_q(*, user) -> Q | None:
    """None: nothing visible. Own agencies see their drafts; supervisors and regulators see reported
    incidents of their subtree / sector; observers and the competent authority see forwarded ones."""
    if not _active(user):
        return None
    if user.has_perm(VIEW_ALL):
        return Q()
    scope = agency_scope_for(user=user)
    q = None
    if scope.grants and not scope.sees_all:
        own = Q(agency__pk__in=[agency_id for agency_id, _path in scope.granted(policy.VIEW)])
        q = own | (agency_scope_q(scope, prefix="agency__") & ~Q(status=IncidentStatus.DRAFT))
    if user.has_perm(VIEW_FORWARDED):
        q = Q(forwarded_at__isnull=False) if q is None else q | Q(forwarded_at__isnull=False)
    return q


def incident_list_visible_to(*, user, base: QuerySet[Incident] | None = None) -> QuerySet[Incident]:
    queryset = base if base is not None else Incident.objects.all()
    q = incident_visibility_q(user=user)
    return queryset.none() if q is None else queryset.filter(q)


def may_act_for(*, user, incident: Incident) -> bool:
    """The agency's security officer files, updates, recovers and reports."""
    return user_has_agency_perm(user=user, codename=policy.ACT_FOR_AGENCY, agency=incident.agency)


def is_reviewer(*, user, incident: Incident) -> bool:
    """Superior agency (government; the agency itself at the top) or sector regulator (SNGA)."""
    agency = incident.agency
    if agency.kind == AgencyKind.SPECIFIC_NON_GOVERNMENT:
        return agency.regulator is not None and user_has_agency_perm(
            user=user, codename=policy.REGULATE_SECTOR, agency=agency.regulator
        )
    return user_has_agency_perm(user=user, codename=policy.SUPERVISE_SUBTREE, agency=agency.parent or agency)


def may_review(*, user, incident: Incident) -> bool:
    """The reviewer, or the competent authority reviewing directly (2026 Art 7 ¶3)."""
    return _active(user) and (user.has_perm(REREVIEW) or is_reviewer(user=user, incident=incident))


def may_rereview(*, user, incident: Incident) -> bool:
    return _active(user) and user.has_perm(REREVIEW)


def review_queue_q(*, user) -> Q | None:
    """Incidents the user reviews: subtrees below their supervised agencies, agencies they regulate."""
    if not _active(user):
        return None
    if user.has_perm(REREVIEW):
        return Q()
    scope = agency_scope_for(user=user)
    q = Q(pk__in=[])
    for agency_id, path in scope.granted(policy.SUPERVISE_SUBTREE):
        below = Q(agency__path__gt=path, agency__path__lt=registry_rules.subtree_upper_bound(path))
        q |= Q(agency__kind=AgencyKind.GOVERNMENT) & (below | Q(agency_id=agency_id, agency__parent__isnull=True))
    regulator_ids = [agency_id for agency_id, _path in scope.granted(policy.REGULATE_SECTOR)]
    if regulator_ids:
        q |= Q(agency__kind=AgencyKind.SPECIFIC_NON_GOVERNMENT, agency__regulator_id__in=regulator_ids)
    return q


def agencies_user_acts_for(*, user):
    """Agencies the user may file for (security officer grants; every active agency with a global grant)."""
    from infrastructure.models import Agency

    if not _active(user):
        return Agency.objects.none()
    if user.has_perm(f"infrastructure.{policy.ACT_FOR_AGENCY}"):
        return Agency.objects.filter(is_active=True)
    ids = [agency_id for agency_id, _path in agency_scope_for(user=user).granted(policy.ACT_FOR_AGENCY)]
    return Agency.objects.filter(pk__in=ids, is_active=True)
