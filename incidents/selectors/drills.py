"""Drills visible to a user, and the agencies that must run them (Art 8)."""

from django.db.models import Count, QuerySet

from access.selectors import agency_scope_for, agency_scope_q
from incidents.models import Drill
from incidents.selectors.visibility import MANAGE_DRILLS
from infrastructure.models import Agency, AgencyKind


def drill_list_visible_to(*, user) -> QuerySet[Drill]:
    if not (user.is_authenticated and user.is_active):
        return Drill.objects.none()
    if user.has_perm(MANAGE_DRILLS):
        return Drill.objects.select_related("agency")
    scope = agency_scope_for(user=user)
    if not scope.grants:
        return Drill.objects.none()
    return Drill.objects.filter(agency_scope_q(scope, prefix="agency__")).select_related("agency")


def drill_obligated_agencies() -> QuerySet[Agency]:
    """Government agencies at the top two levels of the tree that have subordinates: the Presidential
    Office, agencies directly under first-level agencies, municipal and county governments (Art 8 ¶1).
    A heuristic on the registry tree [?]: the registry has no explicit flag yet."""
    return (
        Agency.objects.filter(kind=AgencyKind.GOVERNMENT, is_active=True, depth__lte=1)
        .annotate(child_count=Count("children"))
        .filter(child_count__gt=0)
        .order_by("path")
    )
