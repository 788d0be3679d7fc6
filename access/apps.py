from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "access"
    verbose_name = _("Access and audit trail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.contrib.auth import get_user_model

        from access import signals  # noqa: F401
        from access.models import Invitation, RoleAssignment
        from access.trail import ACCESS_SOURCES, register_trail_source

        for source in ACCESS_SOURCES:
            register_trail_source(source)

        auditlog.register(RoleAssignment, exclude_fields=["created_at", "updated_at"])
        auditlog.register(Invitation, exclude_fields=["created_at", "updated_at", "token_hash"])
        auditlog.register(
            get_user_model(),
            include_fields=["username", "email", "first_name", "last_name", "is_active", "is_staff", "is_superuser"],
        )
