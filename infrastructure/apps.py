from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfrastructureConfig(AppConfig):
    name = "infrastructure"
    verbose_name = _("Registry of regulated bodies")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from access.trail import register_trail_source
        from infrastructure import models
        from infrastructure.trail import REGISTRY_SOURCE

        register_trail_source(REGISTRY_SOURCE)

        agency_fields = [
            field.name
            for field in models.Agency._meta.concrete_fields
            if field.name not in ("created_at", "updated_at", "path", "depth")
        ]
        auditlog.register(models.Agency, include_fields=agency_fields, m2m_fields={"sectors"})
        for model in (
            models.Sector,
            models.CIDesignation,
            models.LevelCycleRule,
            models.LevelDecision,
            models.AgencyContact,
            models.Reorganisation,
            models.InformationSystem,
        ):
            auditlog.register(model, exclude_fields=["created_at", "updated_at"])
