"""Report page filters: ROC years on Chinese pages (民國115年 / 115年度), rates with a dash for none."""

from django import template
from django.utils import translation

from common import roc
from common.templatetags.csma_dates import local_year_label

register = template.Library()


def _is_chinese() -> bool:
    return (translation.get_language() or "").startswith("zh")


@register.filter
def roc_year(year) -> str:
    """2026 → "民國115年" on Chinese pages, "2026" on English ones (the shared ``local_year_label``)."""
    return local_year_label(year)


@register.filter
def roc_year_short(year) -> str:
    """2026 → "115年" on Chinese pages (year pickers), "2026" on English ones."""
    if year in (None, ""):
        return ""
    return f"{roc.roc_year(int(year))}年" if _is_chinese() else str(year)


@register.filter
def rate(value) -> str:
    return "—" if value is None else f"{value}%"


@register.filter
def level_label(level) -> str:
    from reports.presentation import level_label as label

    return label(level or "")


@register.filter
def clock_label(kind) -> str:
    from reports.presentation import CLOCK_LABELS

    return str(CLOCK_LABELS.get(kind, ""))


@register.filter
def band_label(key) -> str:
    from reports.presentation import BAND_LABELS

    return str(BAND_LABELS.get(key, ""))


@register.filter
def duration(minutes) -> str:
    """A clock's time taken (whole minutes) as the PDFs print it: "1 h 05 min"."""
    from reports.pdf.styles import minutes_text

    return minutes_text(minutes)
