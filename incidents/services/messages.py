"""Subjects and bodies of the notifications (English source text; zh-Hant through the catalogue). Times are
in Asia/Taipei, in the calendar of the language composing them: 民國115年12月1日 14:30 in Chinese (issue 13).

``notify`` is how a service sends one: composed in the deployment's language and queued in the outbox in the
service's transaction."""

from datetime import datetime

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.models import OutboundNotification
from common.outbox import outbox_enqueue
from common.templatetags.csma_dates import local_datetime
from incidents.models import Incident

SUBJECTS = {
    "reported": gettext_lazy("Incident reported: %(title)s (level %(level)s, %(agency)s)"),
    "major": gettext_lazy("MAJOR incident (level %(level)s) at %(agency)s: %(title)s"),
    "renotified": gettext_lazy("Incident notification updated: %(title)s (%(agency)s)"),
    "reviewed": gettext_lazy("Incident level reviewed: %(title)s is level %(level)s"),
    "forwarded": gettext_lazy("Incident forwarded to the competent authority: %(title)s (level %(level)s)"),
    "level_changed": gettext_lazy("Incident level changed to %(level)s: %(title)s — renewed notification required"),
    "recovered": gettext_lazy("Incident recovered: %(title)s (%(agency)s)"),
    "report_submitted": gettext_lazy("Investigation report submitted: %(title)s (%(agency)s)"),
    "report_decided": gettext_lazy("Investigation report decision: %(title)s"),
    "report_forwarded": gettext_lazy(
        "Investigation report of a major incident sent on by the sector regulator: %(title)s (%(agency)s)"
    ),
    "warning": gettext_lazy("Deadline approaching — %(clock)s %(due)s: %(title)s (%(agency)s)"),
    "escalation": gettext_lazy("Deadline MISSED — %(clock)s %(due)s: %(title)s (%(agency)s)"),
}


def compose(topic: str, incident: Incident, *, clock: str = "", due=None, note: str = "") -> tuple[str, str]:
    params = {
        "title": incident.title,
        "level": incident.level,
        "agency": incident.agency.name,
        "clock": clock,
        "due": local_datetime(due) if due else "",
    }
    subject = str(SUBJECTS[topic]) % params  # lazy: translated in the language active when composing
    lines = [
        subject,
        "",
        _("Agency: %(agency)s") % params,
        _("Aware at: %(when)s (Asia/Taipei)") % {"when": local_datetime(incident.aware_at)},
        _("Status: %(status)s") % {"status": incident.get_status_display()},
    ]
    if note:
        lines += ["", note]
    return subject, "\n".join(lines)


def compose_mail(topic: str, incident: Incident, **details) -> dict[str, str]:
    """Subject and body for the outbox. Notifications go to many people: written in the deployment's language
    (zh-Hant by default), not the acting user's. ``details``: ``clock``, ``due``, ``note`` of ``compose``."""
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = compose(topic, incident, **details)
    return {"subject": subject, "body": body}


def notify(
    incident: Incident, topic: str, recipients: list[str], *, now: datetime, note: str = ""
) -> OutboundNotification | None:
    """Queue the ``topic`` notification of ``incident`` for ``recipients`` (None when there is nobody)."""
    return outbox_enqueue(
        source=incident, topic=topic, recipients=recipients, now=now, **compose_mail(topic, incident, note=note)
    )
