"""Reads of the API app: a token by its raw value, a user's tokens."""

from datetime import datetime

from django.db.models import QuerySet

from api.models import ApiToken
from api.services import TOKEN_PREFIX, token_hash


def api_token_get_active(*, raw: str, now: datetime) -> ApiToken | None:
    """The token if it exists, is neither revoked nor expired, and its user is active; else None."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(token_hash=token_hash(raw)).first()
    if token is None or token.revoked_at is not None or token.expires_at <= now or not token.user.is_active:
        return None
    return token


def api_tokens_of(*, user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")
