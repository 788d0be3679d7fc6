"""Incident and drill events in the audit trail (access/trail.py), registered by IncidentsConfig.ready(): the
trail search, its export, the retention purge and each agency's history page read them from here. On an
agency's history page a user sees the events of the incidents and drills they may see (incidents.selectors)."""

from django.db.models import Case, CharField, F, JSONField, QuerySet, Value, When
from django.db.models.functions import Concat, JSONObject
from django.utils.translation import gettext_lazy as _

from access.trail import NO_CHANGE, TrailFilters, TrailSource, as_text, trail_rows
from incidents.models import DrillEvent, IncidentEvent
from incidents.rules import DrillKind, IncidentStatus
from incidents.selectors.drills import drill_list_visible_to
from incidents.selectors.visibility import incident_list_visible_to

# Keys of incident and drill events' data shown on the trail (others, e.g. clock snapshots, stay in the export).
DETAILS = {
    "status": _("Status"),
    "level_before": _("Level before"),
    "notified_level": _("Level notified"),
    "proposed_level": _("Proposed level"),
    "note": _("Note"),
    "reason": _("Reason"),
    "sequence": _("Report number"),
    "due_before": _("Due before"),
    "due": _("Due"),
    "due_at": _("Due at"),
    "due_on": _("Due on"),
    "completed_on": _("Completed on"),
    "description": _("Description"),
    "late": _("Late"),
    "ends_on": _("Run by"),
    "conducted_on": _("Conducted on"),
    "results_due_at": _("Results due at"),
}


def _status(field: str) -> Case:
    """The status pair as before/after (``{"status": …}``), empty when the event did not change it."""
    pair = JSONObject(status=F(field))
    return Case(When(status_before=F("status_after"), then=NO_CHANGE), default=pair, output_field=JSONField())


def _incident_rows(f: TrailFilters) -> QuerySet:
    qs = IncidentEvent.objects.annotate(
        actor_name=F("actor__username"),
        source=Value("incidents"),
        object_type=Value("incidents.incident"),
        object_ref=as_text("incident_id"),
        label=Concat("incident__agency__name", Value("："), "incident__title", output_field=CharField()),
        ip=as_text("ip_address"),
    )
    if f.viewer is not None:
        qs = qs.filter(incident__in=incident_list_visible_to(user=f.viewer).values("pk"))
    return trail_rows(
        qs,
        f,
        time="occurred_at",
        label="label",
        object_field="incident_id",
        agency_field="incident__agency_id",
        before=_status("status_before"),
        after=_status("status_after"),
    )


def _drill_label() -> Concat:
    kind = Case(
        *(When(drill__kind=code, then=Value(str(name))) for code, name in DrillKind.choices),
        default=F("drill__kind"),
        output_field=CharField(),
    )
    return Concat("drill__agency__name", Value("："), kind, output_field=CharField())


def _drill_rows(f: TrailFilters) -> QuerySet:
    qs = DrillEvent.objects.annotate(
        actor_name=F("actor__username"),
        source=Value("drills"),
        object_type=Value("incidents.drill"),
        object_ref=as_text("drill_id"),
        label=_drill_label(),
        ip=as_text("ip_address"),
    )
    if f.viewer is not None:
        qs = qs.filter(drill__in=drill_list_visible_to(user=f.viewer).values("pk"))
    return trail_rows(
        qs, f, time="occurred_at", label="label", object_field="drill_id", agency_field="drill__agency_id"
    )


INCIDENT_SOURCE = TrailSource(
    key="incidents",
    label=_("Incidents"),
    model=IncidentEvent,
    time_field="occurred_at",
    rows=_incident_rows,
    kinds=lambda: dict(IncidentEvent.Kind.choices),
    on_agency_history=True,
    detail_labels=lambda: DETAILS,
    value_labels=lambda: {"status": dict(IncidentStatus.choices)},
)
DRILL_SOURCE = TrailSource(
    key="drills",
    label=_("Drills"),
    model=DrillEvent,
    time_field="occurred_at",
    rows=_drill_rows,
    kinds=lambda: dict(DrillEvent.Kind.choices),
    on_agency_history=True,
    detail_labels=lambda: DETAILS,
)
