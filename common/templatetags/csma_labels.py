"""``{{ value|choice_label:"app.Model.field" }}``: the translated label of a stored choice value, for rows
that come from ``values()`` (no model instance, so no ``get_FOO_display``). No queries."""

from django import template
from django.apps import apps

register = template.Library()


@register.filter
def choice_label(value, field_path: str):
    app_label, model_name, field_name = field_path.split(".")
    field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
    return dict(field.flatchoices).get(value, value)
