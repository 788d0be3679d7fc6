"""Personal API tokens (stored hashed, scoped, expiring, revocable), their history, and the idempotency
keys of incident filings. A token acts with exactly its user's permissions: it only authenticates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel, EventRecord


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class ApiToken(BaseModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)  # shown to tell tokens apart
    token_hash = models.CharField(max_length=64, unique=True)  # sha256 of the whole token
    scope = models.CharField(_("scope"), max_length=5, choices=TokenScope.choices, default=TokenScope.READ)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    last_used_ip = models.GenericIPAddressField(_("last used from"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class ApiTokenEvent(EventRecord):
    class Kind(models.TextChoices):
        CREATED = "created", _("API token created")
        REVOKED = "revoked", _("API token revoked")

    token = models.ForeignKey(ApiToken, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("API token event")
        verbose_name_plural = _("API token events")

    def __str__(self) -> str:
        return f"{self.token_id} {self.kind}"


class IdempotencyKey(BaseModel):
    """One filing per (user, key): a retry with the same key and body returns the incident filed first."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=64)  # sha256 of the canonical request body
    incident = models.ForeignKey("incidents.Incident", null=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_idempotency_key_per_user")]

    def __str__(self) -> str:
        return self.key
