"""Shared steps of the audit views: fetch in scope (404), check the action (403), run the service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect

from audits import selectors
from audits.models import Audit, AuditPlan


def plan_or_404(request, plan_id: int) -> AuditPlan:
    try:
        return selectors.plans_visible_to(user=request.user).get(pk=plan_id)
    except AuditPlan.DoesNotExist:
        raise Http404 from None


def audit_or_404(request, audit_id: int) -> Audit:
    try:
        return selectors.audit_detail(audit_id=audit_id, user=request.user)
    except Audit.DoesNotExist:
        raise Http404 from None


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def roles(request, audit: Audit) -> dict[str, bool]:
    return selectors.audit_roles(user=request.user, audit=audit)


def add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def run(request, form, action, *, success: str, redirect_to):
    """Validate, call the service, say what happened and redirect; errors stay on the form (None)."""
    if not form.is_valid():
        return None
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    messages.success(request, success)
    return redirect_to if hasattr(redirect_to, "status_code") else redirect(*redirect_to)
