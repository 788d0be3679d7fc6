"""build_incident_sheet: one incident as reviewers print it (fields, clocks, timeline, review decisions)."""

from datetime import datetime

from django.utils import translation
from django.utils.translation import gettext as _

from incidents import rules
from incidents.models import Incident, IncidentEvent
from reports import data as d

REVIEW_KINDS = {
    IncidentEvent.Kind.LEVEL_CONFIRMED,
    IncidentEvent.Kind.LEVEL_CHANGED,
    IncidentEvent.Kind.FORWARDED,
    IncidentEvent.Kind.REPORT_ACCEPTED,
    IncidentEvent.Kind.EXPLANATION_REQUESTED,
    IncidentEvent.Kind.REPORT_EXTENDED,
}


def _text(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


def _fields(incident: Incident) -> tuple[d.Field, ...]:
    from reports.pdf.styles import date_text

    lang = translation.get_language() or "zh-hant"
    pairs = [
        (_("Agency"), incident.agency.name),
        (_("Title"), incident.title),
        (_("Status"), incident.get_status_display()),
        (_("Incident type"), incident.get_incident_type_display()),
        (_("Level"), incident.get_level_display()),
        (_("Occurred at"), date_text(incident.occurred_at, lang) if incident.occurred_at else "—"),
        (_("Aware at (clock start)"), date_text(incident.aware_at, lang)),
        (_("Reported at"), date_text(incident.reported_at, lang) if incident.reported_at else "—"),
        (_("Description of the situation"), incident.description),
        (_("Measures taken"), incident.measures_taken),
        (_("External support needed"), _text(incident.external_support_needed)),
        (_("Assessment of external support needs"), incident.external_support),
        (_("Other relevant matters"), incident.other_matters),
        *incident.impact_lines(),
        (_("Review basis"), incident.review_note),
    ]
    return tuple(d.Field(label, _text(value)) for label, value in pairs)


def build_incident_sheet(*, header: d.ReportHeader, incident: Incident, now: datetime) -> d.IncidentSheet:
    with translation.override(header.language):
        clocks = tuple(
            d.ClockLine(
                label=str(rules.ClockKind(clock.kind).label),
                started_at=clock.started_at,
                due_at=clock.due_at,
                met_at=clock.met_at,
                state=str(
                    rules.ClockState(rules.clock_status(due_at=clock.due_at, met_at=clock.met_at, now=now).state).label
                ),
            )
            for clock in incident.clocks.order_by("due_at")
        )
        events = IncidentEvent.objects.filter(incident=incident).select_related("actor").order_by("occurred_at", "id")
        timeline = tuple(
            d.TimelineLine(
                at=event.occurred_at,
                label=event.get_kind_display(),
                actor=(event.actor.get_full_name() or event.actor.username) if event.actor else _("System"),
                detail=str(event.data.get("reason") or event.data.get("note") or ""),
                kind=event.kind,
            )
            for event in events
        )
        reviews = tuple(line for line in timeline if line.kind in REVIEW_KINDS)
        return d.IncidentSheet(
            header=header, fields=_fields(incident), clocks=clocks, timeline=timeline, reviews=reviews
        )
