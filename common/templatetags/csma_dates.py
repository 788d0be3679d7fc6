"""Date filters: ROC years in Chinese, ISO dates in English; always Asia/Taipei."""

from django import template
from django.utils import timezone, translation

from common import durations, roc

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
def spoken_minutes(value):
    """``{{ clock.minutes|spoken_minutes }}`` → "1 天 4 小時" (common/durations.py)."""
    if value is None or value == "":
        return ""
    return durations.spoken_duration(value)


@register.filter
def is_past(value) -> bool:
    """``{% if incident.next_due|is_past %}``: a deadline that has already passed (overdue)."""
    return bool(value) and value < timezone.now()
