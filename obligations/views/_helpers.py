"""Shared view steps: fetch through the user's scope (invisible → 404), then check the action (→ 403)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

from access.selectors import agencies_visible_to
from infrastructure.models import Agency
from obligations.selectors import access


def visible_agency_or_404(request, agency_id: int) -> Agency:
    return get_object_or_404(agencies_visible_to(user=request.user).select_related("parent", "regulator"), pk=agency_id)


def visible_or_404(queryset, **lookup):
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def require_review(request, agency) -> None:
    require(access.can_review(user=request.user, agency=agency))


def add_errors(form, error: ValidationError) -> None:
    """A service's ValidationError onto the form (field errors where the field exists)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
