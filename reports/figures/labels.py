"""Labels the annual report figures (reports.figures.annual) resolve in the report's language (called under
translation.override)."""

from django.utils.translation import gettext as _

from incidents.rules import ClockKind


def level_label(level: str) -> str:
    return _("Level %(level)s") % {"level": level} if level else _("No level")


def clock_label(kind: str) -> str:
    return {
        ClockKind.NOTIFY: _("Notification (1 h)"),
        ClockKind.REVIEW: _("Review (8 h / 2 h)"),
        ClockKind.FORWARD: _("Forwarding (1 h)"),
        ClockKind.RECOVER: _("Damage control or recovery (72 h / 36 h)"),
        ClockKind.REPORT: _("Investigation report (1 month)"),
    }[kind]


def band_label(key: str) -> str:
    """The label of a band of reports.figures.compliance.BANDS (or of "none": no item due)."""
    from reports.figures.compliance import BANDS, NO_BAND

    if key == NO_BAND:
        return no_items_label()
    low, high = next((int(low), int(high)) for band, low, high in BANDS if band == key)
    if low == 100:
        return "100 %"
    return _("%(low)d %% to under %(high)d %%") % {"low": low, "high": high}


def no_items_label() -> str:
    return _("No item due")
