from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "incidents"
    verbose_name = _("Incidents")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from access.trail import register_trail_source
        from incidents.models import AlertLeadTime, IncidentRuleSet
        from incidents.trail import DRILL_SOURCE, INCIDENT_SOURCE

        # Every change of the legal clocks is an event (who, when, before/after).
        for model in (IncidentRuleSet, AlertLeadTime):
            auditlog.register(model, exclude_fields=["created_at", "updated_at"])

        register_trail_source(INCIDENT_SOURCE)
        register_trail_source(DRILL_SOURCE)
