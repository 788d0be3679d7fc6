from django import template
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _

from common.roc import roc_year

register = template.Library()


@register.filter
def year_label(year):
    """2026 → 民國115年 on Chinese pages, 2026 elsewhere."""
    if not year:
        return ""
    return f"民國{roc_year(year)}年" if (translation.get_language() or "").startswith("zh") else str(year)


@register.filter
def size_label(size):
    return filesizeformat(size) if size else _("—")
