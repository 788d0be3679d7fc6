"""Who sees which incident and who may do what with it. Invisible → 404 (fetch through
``incident_list_visible_to``); visible but not allowed → 403 (the ``may_*`` checks)."""

from django.db.models import Q, QuerySet

from access import policy, supervision
from access.selectors import agency_scope_for, agency_scope_q, user_has_agency_perm
from incidents.models import Incident
from incidents.rules import IncidentStatus

VIEW_ALL = policy.INCIDENT_VIEW_ALL
VIEW_FORWARDED = policy.INCIDENT_VIEW_FORWARDED
REREVIEW = policy.INCIDENT_REREVIEW
MANAGE_DRILLS = policy.INCIDENT_MANAGE_DRILLS


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
        reviewed = supervision.reviewable_q(user, prefix="agency__") or Q(pk__in=[])
        q = own | ((agency_scope_q(scope, prefix="agency__") | reviewed) & ~Q(status=IncidentStatus.DRAFT))
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
    """The body that reviews the agency's incidents (access.supervision, 2021 Art 5 / 12; 2026 Art 7 / 12)."""
    return supervision.is_reviewer_of(user, incident.agency)


def may_review(*, user, incident: Incident) -> bool:
    """The reviewer, or the competent authority reviewing directly (2026 Art 7 ¶3)."""
    return _active(user) and (user.has_perm(REREVIEW) or is_reviewer(user=user, incident=incident))


def may_rereview(*, user, incident: Incident) -> bool:
    return _active(user) and user.has_perm(REREVIEW)


def review_queue_q(*, user) -> Q | None:
    """Incidents the user reviews (access.supervision.reviewable_q; the competent authority: all); an
    empty queue for any other active user, None for an inactive one."""
    if not _active(user):
        return None
    return supervision.reviewable_q(user, prefix="agency__") or Q(pk__in=[])


def agencies_user_acts_for(*, user):
    """Agencies the user may file for (security officer grants; every active agency with a global grant)."""
    from infrastructure.models import Agency

    if not _active(user):
        return Agency.objects.none()
    if user.has_perm(f"infrastructure.{policy.ACT_FOR_AGENCY}"):
        return Agency.objects.filter(is_active=True)
    ids = [agency_id for agency_id, _path in agency_scope_for(user=user).granted(policy.ACT_FOR_AGENCY)]
    return Agency.objects.filter(pk__in=ids, is_active=True)
