from django import template

from common import names

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def person_name(user):
    return names.person_name(user) if user else "—"
