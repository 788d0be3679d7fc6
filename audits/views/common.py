"""The audit views' fetchers (in the user's scope or 404, through access.checks) and their role question; the
403 step (``access.checks.require``) and the form → service → messages step (``common.views.run_form``) are
the project's one set."""

from access.checks import found_or_404, visible_or_404
from audits import selectors
from audits.models import Audit, AuditPlan


def plan_or_404(request, plan_id: int) -> AuditPlan:
    return visible_or_404(selectors.plans_visible_to(user=request.user), pk=plan_id)


def audit_or_404(request, audit_id: int) -> Audit:
    return found_or_404(selectors.audit_detail, audit_id=audit_id, user=request.user)


def roles(request, audit: Audit) -> dict[str, bool]:
    return selectors.audit_roles(user=request.user, audit=audit)
