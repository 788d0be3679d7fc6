"""OpenAPI 3 generation (drf-spectacular): every operation documents its error responses with the one
error body, and the bearer-token scheme is declared. ``/api/schema/?lang=en`` gives English labels."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from api.errors import MESSAGES

ERROR_DESCRIPTIONS = {
    "400": "Invalid request: `fields` names each invalid field (validation by the same services as the pages).",
    "401": "No or invalid credentials (send `Authorization: Bearer <token>`).",
    "403": "Authenticated, but this user (or a read-only token) may not do this.",
    "404": "Not found, or outside what the user may see.",
    "409": "Someone else acted on the object meanwhile (found on the locked row): read it again.",
    "412": "If-Match names an older version: the object was changed meanwhile.",
    "415": "Unsupported media type.",
    "422": "The Idempotency-Key was already used for a different request body.",
    "428": "If-Match is required for this update.",
    "429": "Rate limit of the token reached; see Retry-After.",
}
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description="The ETag (or `version`) last read; a different current version answers 412.",
)


class ErrorSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=sorted(MESSAGES) + ["error"], help_text="Stable machine-readable code.")
    message = serializers.CharField(help_text="Human-readable, in zh-Hant or English (Accept-Language).")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Field name → messages; `non_field_errors` for the request as a whole.",
    )


ERROR_EXAMPLES = {
    "400": OpenApiExample(
        "ServiceRule",
        summary="A rule of the service",
        value={
            "code": "validation_error",
            "message": "請求中有欄位不正確：請見各欄位說明。",
            "fields": {"level_reason": ["您選擇的等級與建議等級不同：請填寫理由。"]},
        },
    ),
    "404": OpenApiExample(
        "OutOfScope",
        summary="Outside the user's scope",
        value={"code": "not_found", "message": "查無資料，或不在您可檢視的範圍內。", "fields": {}},
    ),
    "409": OpenApiExample(
        "ActedMeanwhile",
        summary="Someone else acted meanwhile",
        value={
            "code": "conflict",
            "message": "此次提報已完成審核（可能剛由他人完成），請重新載入頁面。",
            "fields": {"non_field_errors": ["此次提報已完成審核（可能剛由他人完成），請重新載入頁面。"]},
        },
    ),
    "412": OpenApiExample(
        "ChangedMeanwhile",
        summary="Changed meanwhile",
        value={"code": "precondition_failed", "message": "此資料已被他人變更：請重新讀取後再試。", "fields": {}},
    ),
}


class CsmaAutoSchema(AutoSchema):
    def _error_codes(self) -> list[str]:
        codes = ["400", "401", "403", "404", "429"]
        if self.method in WRITE_METHODS:
            codes += ["409", "412", "415"]
        if self.method == "PATCH":
            codes.append("428")
        if getattr(self.view, "idempotent_create", False) and self.method == "POST":
            codes.append("422")
        return codes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            if code not in responses:
                examples = [ERROR_EXAMPLES[code]] if code in ERROR_EXAMPLES else []
                error = OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[code], examples=examples)
                responses[code] = self._get_response_for_code(error, code, direction=direction)
        return responses


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token (`csma_…`), created at /api/tokens/. Read or write scope.",
        }
