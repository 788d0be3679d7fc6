"""Subjects and bodies of the notifications (English source text; zh-Hant through the catalogue)."""
from django.utils.translation import gettext as _

from common.roc import iso_datetime
from incidents.models import Incident

SUBJECTS = {
    "reported": _("Incident reported: %(title)s (level %(level)s, %(agency)s)"),
    "major": _("MAJOR incident (level %(level)s) at %(agency)s: %(title)s"),
    "renotified": _("Incident notification updated: %(title)s (%(agency)s)"),
    "reviewed": _("Incident level reviewed: %(title)s is level %(level)s"),
    "forwarded": _("Incident forwarded to the competent authority: %(title)s (level %(level)s)"),
    "level_changed": _("Incident level changed to %(level)s: %(title)s — renewed notification required"),
    "recovered": _("Incident recovered: %(title)s (%(agency)s)"),
    "report_submitted": _("Investigation report submitted: %(title)s (%(agency)s)"),
    "report_decided": _("Investigation report decision: %(title)s"),
    "warning": _("Deadline approaching — %(clock)s %(due)s: %(title)s (%(agency)s)"),
    "escalation": _("Deadline MISSED — %(clock)s %(due)s: %(title)s (%(agency)s)"),
}


def compose(topic: str, incident: Incident, *, clock: str = "", due=None, note: str = "") -> tuple[str, str]:
    params = {"title": incident.title, "level": incident.level, "agency": incident.agency.name, "clock": clock,
              "due": iso_datetime(due) if due else ""}
    subject = SUBJECTS[topic] % params
    lines = [subject, "", _("Agency: %(agency)s") % params,
             _("Aware at: %(when)s (Asia/Taipei)") % {"when": iso_datetime(incident.aware_at)},
             _("Status: %(status)s") % {"status": incident.get_status_display()}]
    if note:
        lines += ["", note]
    return subject, "\n".join(lines)
