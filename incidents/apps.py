from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "incidents"
    verbose_name = _("Incidents")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from incidents.models import AlertLeadTime, IncidentRuleSet

        # Every change of the legal clocks is an event (who, when, before/after).
        for model in (IncidentRuleSet, AlertLeadTime):
            auditlog.register(model, exclude_fields=["created_at", "updated_at"])
