"""Permission steps for views: an invisible object is a 404 (fetch through selectors), a visible one
the user may not change is a 403 (``require_agency_perm``)."""

from django.core.exceptions import PermissionDenied

from access.selectors import user_has_agency_perm


def require_agency_perm(user, codename: str, agency) -> None:
    if not user_has_agency_perm(user=user, codename=codename, agency=agency):
        raise PermissionDenied


def require_perm(user, permission: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied
