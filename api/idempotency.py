"""Idempotency keys on incident filing: the first request with a key files; a retry with the same key
and the same body returns that incident (200, ``Idempotent-Replayed: true``) and files nothing; the
same key with another body is refused (422). A failed filing stores no key, so a corrected retry works.
Keys are per user, claimed by a unique row inside the filing's transaction (concurrent retries wait)."""

import hashlib
import json

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from api.errors import ApiError
from api.models import IdempotencyKey

HEADER = "Idempotency-Key"
MAX_LENGTH = 100
KEY_INVALID = _("The Idempotency-Key must be 1 to 100 visible ASCII characters.")


def request_key(request) -> str | None:
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not (0 < len(key) <= MAX_LENGTH) or not all(33 <= ord(ch) <= 126 for ch in key):
        raise ValidationError({HEADER: KEY_INVALID})
    return key


def fingerprint(data) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def claim(*, user, key: str, data) -> IdempotencyKey:
    """Inside the caller's transaction. Returns the row; ``row.incident`` is set when this is a replay."""
    row, created = IdempotencyKey.objects.get_or_create(user=user, key=key, defaults={"fingerprint": fingerprint(data)})
    if not created and row.fingerprint != fingerprint(data):
        raise ApiError("idempotency_key_reused", 422)
    return row
