from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from access.trail import register_trail_source
        from reports.trail import REPORT_SOURCE

        register_trail_source(REPORT_SOURCE)
