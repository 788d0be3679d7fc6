"""Who holds which role where, the invitations that bring officers in, and the append-only trail of
grants and confidential reads."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.policy import AGENCY_SCOPED_ROLES, Role
from common.models import AppendOnlyModel, BaseModel, EventRecord


class RoleAssignment(BaseModel):
    """A role held by a user, at an agency for the agency-scoped roles. Revoked rows are kept."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    agency = models.ForeignKey(
        "infrastructure.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="role_assignments"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["user_id", "role"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        permissions = [
            ("view_event_log", "Can search the audit trail"),
            ("invite_user", "Can invite agency officers"),
            ("manage_users", "Can manage users"),
            ("manage_rule_data", "Can manage rule data"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "agency"],
                condition=Q(revoked_at__isnull=True, agency__isnull=False),
                name="one_active_scoped_assignment",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(revoked_at__isnull=True, agency__isnull=True),
                name="one_active_global_assignment",
            ),
            models.CheckConstraint(
                condition=Q(agency__isnull=False) | ~Q(role__in=sorted(AGENCY_SCOPED_ROLES)),
                name="scoped_role_needs_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}" + (f" · {self.agency}" if self.agency_id else "")


class Invitation(BaseModel):
    """A one-time e-mail link that lets an officer create an account with a given role."""

    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    agency = models.ForeignKey(
        "infrastructure.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"))
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"


class AccessEvent(EventRecord):
    """Grants, revocations, invitations, account changes and logins (append-only)."""

    class Kind(models.TextChoices):
        GRANTED = "granted", _("Role granted")
        REVOKED = "revoked", _("Role revoked")
        INVITED = "invited", _("Invitation sent")
        INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")
        INVITATION_CANCELLED = "invitation_cancelled", _("Invitation cancelled")
        USER_DEACTIVATED = "user_deactivated", _("User deactivated")
        USER_REACTIVATED = "user_reactivated", _("User reactivated")
        LOGIN = "login", _("Logged in")
        LOGIN_FAILED = "login_failed", _("Login failed")
        LOGOUT = "logout", _("Logged out")
        TRAIL_PURGED = "trail_purged", _("Audit trail purged after retention")
        MFA_DEVICE_ADDED = "mfa_device_added", _("Two-factor device added")
        MFA_DEVICE_REMOVED = "mfa_device_removed", _("Two-factor device removed")

    kind = models.CharField(max_length=30, choices=Kind.choices)
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(max_length=30, choices=Role.choices, blank=True)
    agency = models.ForeignKey(
        "infrastructure.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(max_length=10, default="system")

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("access event")
        verbose_name_plural = _("access events")

    def __str__(self) -> str:
        return f"{self.kind} {self.occurred_at:%Y-%m-%d %H:%M}"


class ReadEvent(AppendOnlyModel):
    """A read of a confidential record: opening an incident, downloading a PDF, exporting a list."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        DOWNLOAD = "download", _("Downloaded")
        EXPORT = "export", _("Exported")

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40, blank=True)
    description = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("read event")
        verbose_name_plural = _("read events")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.action} {self.object_type}:{self.object_id}"


# guardian's direct foreign-key permission tables (guardian docs, "performance"): faster queries and
# the permission rows disappear with the object.
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase  # noqa: E402


class AgencyUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey("infrastructure.Agency", on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        pass


class AgencyGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey("infrastructure.Agency", on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        pass
