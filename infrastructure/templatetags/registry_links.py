"""``{{ agency|agency_link:linkable }}``: the agency's name linked to its registry page when its id is in
``linkable`` (the ids the user may see, ``infrastructure.selectors.agency_ids_visible``), else the plain name,
escaped, with no link and no id: a link to an agency the user may not see would answer 404."""

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html

register = template.Library()


@register.filter
def agency_link(agency, linkable):
    if agency is None:
        return ""
    if agency.pk in linkable:
        return format_html(
            '<a href="{}">{}</a>', reverse("infrastructure:agency_detail", args=[agency.pk]), agency.name
        )
    return conditional_escape(agency.name)
