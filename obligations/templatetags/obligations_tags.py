"""Labels for obligation pages (no queries)."""

from django import template
from django.utils import translation

from obligations.forms import STATUS_LABELS

register = template.Library()


@register.filter
def status_label(value: str) -> str:
    return str(STATUS_LABELS.get(value, value))


@register.filter
def item_label(obligation) -> str:
    """The requirement's item (Chinese or English) or the ad-hoc title."""
    if obligation.adhoc_id:
        return obligation.adhoc.title
    requirement = obligation.requirement
    english = not (translation.get_language() or "").startswith("zh")
    return requirement.item_en if english and requirement.item_en else requirement.item_zh


@register.filter
def timing_label(requirement) -> str:
    from django.utils.translation import gettext as _

    if requirement.deadline_years:
        return _("within %(years)s y of approval") % {"years": requirement.deadline_years}
    return _("%(count)s per %(years)s y") % {"count": requirement.frequency_count, "years": requirement.frequency_years}
