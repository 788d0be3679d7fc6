"""``{{ user|person_name }}``: a person's name as written (Chinese family name first), else the username."""

from django import template

from common.names import person_name as _person_name

register = template.Library()


@register.filter
def person_name(user):
    return _person_name(user) if user else ""
