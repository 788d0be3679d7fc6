"""The permission steps of every page view, in this order (STYLE.md §5.6, docs/architecture.md "Views"):

1. fetch the object *through the user's scope* — a visibility-filtered queryset or a ``*_get_for_user``
   selector — so an object the user may not see answers 404 (``visible_or_404``, ``found_or_404``,
   ``visible_agency_or_404``);
2. check the action on the object the user may see: refused → 403 (``require``, ``require_perm``,
   ``require_agency_perm``).

The form → service → messages step that follows is ``common.views.run_form`` / ``run_step``.
"""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from access.selectors import agencies_visible_to, user_has_agency_perm

T = TypeVar("T")
M = TypeVar("M", bound=Model)


def visible_or_404(queryset: QuerySet[M], **lookup) -> M:
    """``queryset.get(**lookup)`` on a queryset already limited to what the user may see; none → 404."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def found_or_404(fetch: Callable[..., T], /, **kwargs) -> T:
    """``fetch(**kwargs)`` for a scoped selector that raises ``DoesNotExist`` (``incident_get_for_user``)."""
    try:
        return fetch(**kwargs)
    except ObjectDoesNotExist:
        raise Http404 from None


def visible_agency_or_404(user, agency_id: int):
    """An agency the user may see (the supervision tree, access/selectors.py), with its parent and regulator."""
    return visible_or_404(agencies_visible_to(user=user).select_related("parent", "regulator"), pk=agency_id)


def require(allowed: bool) -> None:
    """The action is not the user's to take: 403 (the object itself was visible)."""
    if not allowed:
        raise PermissionDenied


def require_perm(user, permission: str) -> None:
    require(user.has_perm(permission))


def require_agency_perm(user, codename: str, agency) -> None:
    require(user_has_agency_perm(user=user, codename=codename, agency=agency))
