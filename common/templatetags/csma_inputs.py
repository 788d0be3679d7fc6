"""Form inputs a template writes by hand (a form class is the usual way): ``{% load csma_inputs %}``. Apart from
csma_dates, which services and e-mails use to show dates, so that they never import the forms."""

from django import template

from common.forms import RocDateInput

register = template.Library()


@register.simple_tag
def roc_date_input(name, value=None, **attrs):
    """``{% roc_date_input "effective_from" today id="effective-1" required=True aria_label=t %}``: the shared ROC
    date input (``common.forms.RocDateInput``) for a form a template writes by hand; ``aria_label`` → ``aria-label``."""
    return RocDateInput(attrs={key.replace("_", "-"): item for key, item in attrs.items()}).render(name, value)
