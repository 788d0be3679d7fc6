from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfrastructureConfig(AppConfig):
    name = "infrastructure"
    verbose_name = _("Registry of regulated bodies")
    default_auto_field = "django.db.models.BigAutoField"
