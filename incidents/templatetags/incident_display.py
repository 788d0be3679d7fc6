"""``{% for label, value in event|event_details %}``: an incident or drill event's data as labelled values
(levels, channels and clocks as their labels, times in Asia/Taipei), not ``key=value`` dumps. No queries."""

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from common.display import display_value
from incidents.models.incident import ReportChannel
from incidents.rules.clocks import ClockKind

register = template.Library()
LABELS = {
    "level": _("Level"),
    "proposed_level": _("Proposed level"),
    "note": _("Note"),
    "reason": _("Reason"),
    "reported_at": _("Reported at"),
    "late": _("Late"),
    "channel": _("Channel"),
    "sequence": _("Report number"),
    "due_before": _("Due before"),
    "due": _("Due"),
    "due_at": _("Due"),
    "due_on": _("Due on"),
    "description": _("Description"),
    "owner": _("Owner"),
    "completed_on": _("Completed on"),
    "name": _("File"),
    "type": _("Type"),
    "size": _("Size"),
    "clock": _("Clock"),
    "clocks": _("Deadlines"),
    "ends_on": _("Ends on"),
    "conducted_on": _("Conducted on"),
    "results_due_at": _("Results due"),
}
HIDDEN = {"demo", "sha256", "measure", "criterion", "alert"}


def _value(key: str, value):
    if key in ("level", "proposed_level") and value not in (None, ""):
        return _("Level %(level)s") % {"level": value}
    if key == "channel":
        return dict(ReportChannel.choices).get(value, value)
    if key == "clock":
        return dict(ClockKind.choices).get(value, value)
    if key == "clocks" and isinstance(value, dict):
        kinds = dict(ClockKind.choices)
        return "；".join(f"{kinds.get(kind, kind)} {display_value(due)}" for kind, due in value.items())
    if key == "size" and isinstance(value, int):
        return filesizeformat(value)
    return display_value(value)


@register.filter
def event_details(event) -> list[tuple[str, str]]:
    data = getattr(event, "data", None) or {}
    if not isinstance(data, dict):
        return []
    return [(str(LABELS[key]), _value(key, value)) for key, value in data.items() if key in LABELS and value != ""]
