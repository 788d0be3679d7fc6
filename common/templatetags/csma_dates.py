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


@register.filter
def local_year(value):
    """A year inside a sentence: 115 in Chinese (民國; the sentence says 年), 2026 in English."""
    if value in (None, ""):
        return ""
    return roc.roc_year(int(value)) if _is_chinese() else int(value)


@register.filter
def local_year_label(value):
    """A year on its own (tabs, table cells): 民國115年 in Chinese, 2026 in English."""
    if value in (None, ""):
        return ""
    return f"民國{roc.roc_year(int(value))}年" if _is_chinese() else str(int(value))
