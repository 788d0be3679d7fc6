"""Helpers shared by the incident services: event rows, clock rows, rule data, error messages."""

from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common import events
from incidents import rules
from incidents.models import Incident, IncidentClock, IncidentEvent, IncidentRuleSet
from infrastructure.models import Agency, AgencyKind

if TYPE_CHECKING:
    from django.contrib.auth.models import User

AWARE_IN_FUTURE = _("The time of awareness cannot be in the future.")
OCCURRED_AFTER_AWARE = _("The time of occurrence cannot be after the time of awareness.")
LEVEL_REQUIRED = _("Nothing was marked as affected: choose the level and give the reason.")
LEVEL_REASON_REQUIRED = _("You chose a level other than the proposed one: give the reason.")
LATE_REASON_REQUIRED = _("The report is made after the 1-hour deadline: give the reason for the delay.")
FALLBACK_REASON_REQUIRED = _("A report first made by telephone, e-mail or fax needs the reason and its original time.")
FALLBACK_TIME_INVALID = _("The original report time must be between the time of awareness and now.")
SYSTEM_NOT_OF_AGENCY = _("An affected system does not belong to the reporting agency.")
RECOVERED_TIME_INVALID = _("The time of recovery must be between the time of awareness and now.")
REVIEW_FIRST = _("The level has not been reviewed yet: use the review instead.")
SAME_LEVEL = _("The incident already has this level.")
REASON_REQUIRED = _("Give the reason.")
EXTENSION_NOT_LATER = _("The new deadline must be later than the current one.")
SUPERIOR_CONSENT_REQUIRED = _("Record the consent of the superior or supervisory agency (who, when, reference).")
AUTHORITY_CONSENT_REQUIRED = _("Record the consent of the competent authority (who, when, reference).")
REGULATOR_CONSENT_REQUIRED = _("Record the consent of the sector regulator (who, when, reference).")
NO_REPORT_CLOCK = _("There is no open investigation-report deadline to extend.")
MEASURES_OPEN = _("Every improvement measure must be completed before the incident is closed.")
ATTACHMENT_TOO_LARGE = _("The file is larger than 10 MB.")
ALREADY_COMPLETED = _("This measure is already completed (perhaps by someone else just now): reload the page.")
REPORT_ALREADY_DECIDED = _(
    "This investigation report has already been decided (perhaps by someone else just now): reload the page."
)
INCIDENT_CLOSED_NO_MEASURES = _(
    "The incident is closed (perhaps just now): improvement measures can no longer be added."
)


def incident_lock(incident: Incident) -> Incident:
    """Lock the incident's row for this transaction and reload it, so the transition is checked on the
    fresh row: of two reviewers acting at once, the second waits, then sees the first one's result."""
    incident.refresh_from_db(from_queryset=Incident.objects.select_for_update(no_key=True))
    return incident


def review_open(incident: Incident) -> bool:
    """A notification awaits its review: the review clock of the latest notification is not met."""
    return incident.clocks.filter(kind=rules.ClockKind.REVIEW, met_at__isnull=True).exists()


def rule_data(incident: Incident) -> rules.RuleSetData:
    """The incident's rule set as pure data: read once per transition and passed to the helpers."""
    return incident.rule_set.as_data()


def agency_kind(agency: Agency) -> str:
    """Government or specific non-government: which article (and citation) of a rule applies."""
    return rules.SNGO if agency.kind == AgencyKind.SPECIFIC_NON_GOVERNMENT else rules.GOVERNMENT


def rule_set_for(*, aware_at: datetime) -> IncidentRuleSet:
    """The published (or retired) version in force on the day of awareness; drafts are never law."""
    rule_sets = {rule_set.code: rule_set for rule_set in IncidentRuleSet.objects.in_force()}
    try:
        chosen = rules.rule_set_for([row.as_data() for row in rule_sets.values()], aware_at=aware_at)
    except LookupError as error:
        raise ValidationError(
            _("No incident rule set applies on that date: %(error)s"), params={"error": error}
        ) from error
    return rule_sets[chosen.code]


def record_event(
    incident: Incident,
    kind: str,
    *,
    actor: "User | None",
    now: datetime,
    before: str = "",
    after: str = "",
    data: dict | None = None,
) -> IncidentEvent:
    """An IncidentEvent through common.events; ``before``/``after`` are the incident's status (unchanged if
    ``after`` is empty)."""
    status = {"status_before": before, "status_after": after or before}
    return events.record_event(IncidentEvent, kind=kind, actor=actor, now=now, data=data, incident=incident, **status)


def set_status(incident: Incident, new: str) -> str:
    """Check the transition and set the status; returns the status before."""
    rules.ensure_transition(incident.status, new)
    before, incident.status = incident.status, new
    return before


def clock_put(
    incident: Incident, deadline: rules.Deadline, *, started_at: datetime, met_at: datetime | None = None
) -> IncidentClock:
    """Create the clock, or move its deadline (the alerts of the old deadline stay; new ones may follow).
    No get_or_create savepoint: the incident is new (no one else sees it) or its row is locked by the step
    (``incident_lock``), and the unique (incident, kind) constraint backs that up."""
    clock = IncidentClock.objects.filter(incident=incident, kind=deadline.kind).first()
    if clock is None:
        return IncidentClock.objects.create(
            incident=incident,
            kind=deadline.kind,
            started_at=started_at,
            due_at=deadline.due_at,
            citation=deadline.citation,
            met_at=met_at,
        )
    if clock.due_at != deadline.due_at or clock.started_at != started_at:
        clock.started_at, clock.due_at, clock.citation = started_at, deadline.due_at, deadline.citation
        clock.warned_at = clock.escalated_at = None
        clock.save(update_fields=["started_at", "due_at", "citation", "warned_at", "escalated_at", "updated_at"])
    return clock


def clock_restart(incident: Incident, deadline: rules.Deadline, *, started_at: datetime) -> IncidentClock:
    """A new run of a clock (a renewed notification's review, a new review's forwarding): open again."""
    clock = clock_put(incident, deadline, started_at=started_at)
    if clock.met_at is not None:
        clock.met_at = clock.warned_at = clock.escalated_at = None
        clock.save(update_fields=["met_at", "warned_at", "escalated_at", "updated_at"])
    return clock


def clock_meet(incident: Incident, kind: str, *, at: datetime, overwrite: bool = False) -> IncidentClock | None:
    clock = IncidentClock.objects.filter(incident=incident, kind=kind).first()
    if clock is None or (clock.met_at is not None and not overwrite):
        return clock
    clock.met_at = at
    clock.save(update_fields=["met_at", "updated_at"])
    return clock


def clock_snapshot(incident: Incident) -> dict[str, str]:
    return {kind: due.isoformat() for kind, due in incident.clocks.values_list("kind", "due_at")}


def save(incident: Incident, fields: list[str]) -> None:
    """full_clean() of the changed fields (and the constraints on them), then save only those."""
    unchanged = [field.name for field in Incident._meta.get_fields() if field.name not in fields]
    incident.full_clean(exclude=unchanged, validate_unique=False)
    incident.save(update_fields=[*fields, "updated_at"])
