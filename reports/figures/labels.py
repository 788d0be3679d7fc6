"""Labels the annual report figures (reports.figures.annual) resolve in the report's language (called under
translation.override)."""

from django.utils.translation import gettext as _

from incidents.rules import ClockKind

# Compliance bands (lower bound inclusive, upper exclusive; the last band is exactly 100 %).
BANDS = ((0, 50), (50, 70), (70, 90), (90, 100), (100, 101))


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


def band_label(low: int, high: int) -> str:
    if low == 100:
        return "100 %"
    return _("%(low)d %% to under %(high)d %%") % {"low": low, "high": high}


def no_items_label() -> str:
    return _("No item due")
