"""One incident for its pages: facts, clocks with met/missed, events (timeline), reports, measures."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch

from incidents import rules
from incidents.models import Incident, IncidentClock, IncidentEvent
from incidents.selectors.visibility import incident_list_visible_to


def incident_get_for_user(*, user, incident_id: int) -> Incident:
    """Raises Incident.DoesNotExist when the incident is outside the user's scope (→ 404)."""
    return (
        incident_list_visible_to(user=user)
        .select_related("agency__parent", "agency__regulator", "rule_set", "reporter", "reviewed_by")
        .prefetch_related(
            Prefetch("clocks", queryset=IncidentClock.objects.order_by("due_at")),
            "affected_systems",
            "attachments",
            "measures",
            "reports",
        )
        .get(pk=incident_id)
    )


def incident_events(*, incident: Incident):
    return IncidentEvent.objects.filter(incident=incident).select_related("actor").order_by("occurred_at", "id")


@dataclass(frozen=True)
class ClockRow:
    kind: str
    label: str
    due_at: datetime
    met_at: datetime | None
    citation: str
    state: str
    state_label: str
    minutes: int
    is_open: bool


def clock_rows(incident: Incident, *, now: datetime) -> list[ClockRow]:
    """Uses the prefetched clocks: no query."""
    rows = []
    for clock in incident.clocks.all():
        status = rules.clock_status(due_at=clock.due_at, met_at=clock.met_at, now=now)
        rows.append(
            ClockRow(
                kind=clock.kind,
                label=str(rules.ClockKind(clock.kind).label),
                due_at=clock.due_at,
                met_at=clock.met_at,
                citation=clock.citation,
                state=status.state,
                state_label=str(rules.ClockState(status.state).label),
                minutes=status.minutes,
                is_open=clock.met_at is None,
            )
        )
    return rows
