"""Writes of the API app: personal tokens (create, revoke, record use). Each writes its event row in the
same transaction. The raw token leaves this module once, in the return value of ``api_token_create``."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from api.models import ApiToken, ApiTokenEvent, TokenScope
from common.events import record_event

if TYPE_CHECKING:
    from django.contrib.auth.models import User

TOKEN_PREFIX = "csma_"
MAX_VALID_DAYS = 366
LAST_USE_RESOLUTION = timedelta(minutes=1)  # last use is written at most once a minute per token

NAME_REQUIRED = _("Give the token a name.")
VALIDITY_INVALID = _("A token is valid for 1 to 366 days.")
ALREADY_REVOKED = _("This token is already revoked.")


@dataclass(frozen=True)
class CreatedToken:
    token: ApiToken
    raw: str  # shown to the user once, never stored


def token_hash(raw: str) -> str:
    """Tokens carry 256 random bits, so a plain SHA-256 suffices (no password stretching needed)."""
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: "User", name: str, scope: str, valid_days: int, now: datetime) -> CreatedToken:
    if not name.strip():
        raise ValidationError({"name": NAME_REQUIRED})
    if not 1 <= valid_days <= MAX_VALID_DAYS:
        raise ValidationError({"valid_days": VALIDITY_INVALID})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name.strip(),
        prefix=raw[len(TOKEN_PREFIX) : len(TOKEN_PREFIX) + 8],
        token_hash=token_hash(raw),
        scope=TokenScope(scope),
        expires_at=now + timedelta(days=valid_days),
    )
    token.full_clean()
    token.save()
    _event(token, ApiTokenEvent.Kind.CREATED, actor=user, now=now, data={"scope": scope, "valid_days": valid_days})
    return CreatedToken(token=token, raw=raw)


@transaction.atomic
def api_token_revoke(*, token: ApiToken, acting_user: "User | None", now: datetime) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ValidationError(ALREADY_REVOKED)
    token.revoked_at = now
    token.save(update_fields=["revoked_at", "updated_at"])
    _event(token, ApiTokenEvent.Kind.REVOKED, actor=acting_user, now=now, data={})
    return token


def api_token_record_use(*, token: ApiToken, now: datetime, ip: str | None) -> None:
    """One UPDATE at most once a minute per token (not an event: uses are not state changes)."""
    if token.last_used_at is not None and now - token.last_used_at < LAST_USE_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now, last_used_ip=ip)
    token.last_used_at, token.last_used_ip = now, ip


def _event(token: ApiToken, kind: str, *, actor, now: datetime, data: dict) -> None:
    record_event(ApiTokenEvent, kind=kind, actor=actor, now=now, data=data, token=token)
