from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObligationsConfig(AppConfig):
    name = "obligations"
    verbose_name = _("Obligations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from access.trail import register_trail_source
        from infrastructure.hooks import on_level_approved
        from obligations.services import assign_on_level_approved
        from obligations.trail import OBLIGATION_SOURCE

        # A level approved in the registry assigns its obligations in the same transaction (issue 4).
        on_level_approved(assign_on_level_approved)

        register_trail_source(OBLIGATION_SOURCE)
