from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Open data")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from access.trail import register_trail_source
        from opendata.trail import OPENDATA_SOURCE

        register_trail_source(OPENDATA_SOURCE)
