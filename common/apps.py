from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from common.admin_inputs import bound_admin_initial_data

        bound_admin_initial_data()
