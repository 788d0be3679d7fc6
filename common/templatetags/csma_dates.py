"""Date filters: ROC years in Chinese, ISO dates in English; always Asia/Taipei."""

from django import template
from django.utils import translation

from common import roc

register = template.Library()


def _is_chinese() -> bool:
    return (translation.get_language() or "").startswith("zh")


@register.filter
def local_date(value):
    if not value:
        return ""
    return roc.roc_date(value) if _is_chinese() else roc.iso_date(value)


@register.filter
def local_datetime(value):
    if not value:
        return ""
    return roc.roc_datetime(value) if _is_chinese() else roc.iso_datetime(value)


@register.filter
def year_label(value):
    """A calendar year as people read it: 民國115年 in Chinese, 2026 in English."""
    if value in (None, ""):
        return ""
    return f"民國{roc.roc_year(int(value))}年" if _is_chinese() else str(value)
