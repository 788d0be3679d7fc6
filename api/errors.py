"""Every API error is JSON: ``{"code": <stable>, "message": <zh-Hant or English by Accept-Language>,
"fields": {<field>: [messages]}}``. Validation errors come from the services (Django ValidationError),
exactly as the forms show them; the API adds no rules of its own. A service's conflict (someone else acted
on the object meanwhile, found on the locked row) answers 409 with the code ``conflict``."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from common.conflicts import is_conflict

NON_FIELD = "non_field_errors"

MESSAGES = {
    "validation_error": _("The request has invalid fields: see the details."),
    "parse_error": _("The request body is not valid JSON or form data."),
    "not_authenticated": _("Log in or send an API token."),
    "authentication_failed": _("The credentials are not valid."),
    "permission_denied": _("You may not do this."),
    "not_found": _("Not found, or outside what you may see."),
    "method_not_allowed": _("This method is not allowed here."),
    "not_acceptable": _("The requested response format is not available."),
    "unsupported_media_type": _("Send JSON (or multipart form data for files)."),
    "throttled": _("Too many requests: wait before trying again."),
    "conflict": _("Someone else changed this object just now: read it again."),
    "precondition_failed": _("The object was changed by someone else: read it again and retry."),
    "precondition_required": _("Send the If-Match header with the ETag you last read."),
    "idempotency_key_reused": _("This Idempotency-Key was used for a different request."),
}

_DRF_CODES = [
    (exceptions.NotAuthenticated, "not_authenticated"),
    (exceptions.AuthenticationFailed, "authentication_failed"),
    (exceptions.PermissionDenied, "permission_denied"),
    (exceptions.NotFound, "not_found"),
    (exceptions.MethodNotAllowed, "method_not_allowed"),
    (exceptions.NotAcceptable, "not_acceptable"),
    (exceptions.UnsupportedMediaType, "unsupported_media_type"),
    (exceptions.Throttled, "throttled"),
    (exceptions.ParseError, "parse_error"),
    (exceptions.ValidationError, "validation_error"),
]


class ApiError(exceptions.APIException):
    """An API-level refusal with its own stable code (412, 428, 422)."""

    def __init__(self, code: str, status_code: int, message=None):
        self.error_code, self.status_code = code, status_code
        super().__init__(detail=message or MESSAGES[code], code=code)


def precondition_failed() -> ApiError:
    return ApiError("precondition_failed", status.HTTP_412_PRECONDITION_FAILED)


def precondition_required() -> ApiError:
    return ApiError("precondition_required", status.HTTP_428_PRECONDITION_REQUIRED)


def service_fields(error: DjangoValidationError) -> dict[str, list[str]]:
    """A service's ValidationError as field → messages (non-field messages under ``non_field_errors``)."""
    if hasattr(error, "error_dict"):
        return {
            (NON_FIELD if key == "__all__" else key): [str(m) for m in msgs] for key, msgs in error.message_dict.items()
        }
    return {NON_FIELD: [str(message) for message in error.messages]}


def _body(code: str, message, fields: dict | None = None) -> dict:
    return {"code": code, "message": str(message), "fields": fields or {}}


def _messages(value) -> list[str]:
    """A field's messages, flattened: a list field's errors arrive keyed by item ({0: [...]})."""
    if isinstance(value, dict):
        return [message for item in value.values() for message in _messages(item)]
    if isinstance(value, list):
        return [message for item in value for message in _messages(item)]
    return [str(value)]


def _drf_fields(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {key: _messages(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return {NON_FIELD: [str(m) for m in detail]}
    return {}


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        fields = service_fields(exc)
        if is_conflict(exc):  # the locked row shows someone else acted meanwhile (common/conflicts.py)
            first = next(iter(fields.get(NON_FIELD, [])), MESSAGES["conflict"])
            return Response(_body("conflict", first, fields), status=status.HTTP_409_CONFLICT)
        first = next(iter(fields.get(NON_FIELD, [])), MESSAGES["validation_error"])
        return Response(_body("validation_error", first, fields), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = getattr(exc, "error_code", None) or next((name for cls, name in _DRF_CODES if isinstance(exc, cls)), "error")
    if code == "validation_error":
        response.data = _body(code, MESSAGES[code], _drf_fields(exc.detail))
    else:
        custom = isinstance(exc.detail, str) and str(exc.detail) != str(type(exc).default_detail)
        response.data = _body(code, exc.detail if custom else MESSAGES.get(code, exc.detail))
    return response
