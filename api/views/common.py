"""Shared steps of the API views: fetch through the apps' scoped selectors (outside the scope → 404),
check the action with the apps' ``may_*``/``can_*`` checks (→ 403), validate the shape, call one service
under the row lock with the If-Match check, answer with the representation and its ETag."""

from django.db import transaction
from django.http import Http404
from rest_framework import status as http
from rest_framework.response import Response

from access.checks import require
from api.concurrency import check_if_match, etag_of, lock_row

MAX_ID = 2**63 - 1  # the database's bigint: a larger id is simply not found (never an overflow)


def object_id(pk) -> int:
    """The path's id as an int; anything else (text, negative, beyond bigint) is a 404."""
    try:
        value = int(str(pk))
    except ValueError:
        raise Http404 from None
    if not 0 < value <= MAX_ID:
        raise Http404
    return value


def validated(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def represent(view, obj, serializer_class, *, status: int = http.HTTP_200_OK, headers: dict | None = None) -> Response:
    data = serializer_class(obj, context=view.get_serializer_context()).data
    response = Response(data, status=status, headers=headers)
    if hasattr(obj, "updated_at"):
        response["ETag"] = etag_of(obj)
    return response


def guarded_write(request, *, model, pk: int, fetch, allowed, action, if_match_required: bool = False):
    """One transaction: lock the row, fetch it through its scope (404), check the action (403), check
    If-Match (428/412), then run ``action(obj)`` — one service call. Returns the object fetched afresh."""
    with transaction.atomic():
        lock_row(model, pk)
        obj = fetch(pk)
        require(allowed(obj))
        check_if_match(request, obj, required=if_match_required)
        action(obj)
    return fetch(pk)
