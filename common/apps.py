from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from common import checks  # noqa: F401 — registers csma's deploy checks
        from common.admin_inputs import bound_admin_initial_data
        from common.models import CalendarDay

        bound_admin_initial_data()
        auditlog.register(CalendarDay)  # the Taiwan calendar decides deadlines: every change is logged
