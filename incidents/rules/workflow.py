"""Incident workflow: the allowed next states (CSMA.md §6.3 state machine). Pure."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.workflow import Workflow


class IncidentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REPORTED = "reported", _("Reported")
    UNDER_REVIEW = "under_review", _("Under review")
    LEVEL_CONFIRMED = "level_confirmed", _("Level confirmed")
    LEVEL_CHANGED = "level_changed", _("Level changed")
    FORWARDED = "forwarded", _("Forwarded to the competent authority")
    CONTAINING = "containing", _("Damage control under way")
    RECOVERED = "recovered", _("Recovered")
    REPORT_SUBMITTED = "report_submitted", _("Report submitted")
    EXPLANATION_REQUESTED = "explanation_requested", _("Explanation requested")
    REPORT_ACCEPTED = "report_accepted", _("Report accepted")
    CLOSED = "closed", _("Closed")


S = IncidentStatus
REVIEWED = (S.LEVEL_CONFIRMED, S.LEVEL_CHANGED)

TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.REPORTED}),
    # Recovery may be recorded before the review (the duty runs from awareness, Art 6 ¶1 / 13 ¶1); the
    # review is then still owed (its clock stays open) and completes without moving the status.
    S.REPORTED: frozenset({S.UNDER_REVIEW, *REVIEWED, S.RECOVERED}),
    S.UNDER_REVIEW: frozenset({*REVIEWED, S.RECOVERED}),
    # After the review: forward (when required), start damage control, record recovery; the competent
    # authority may re-review and change the level (Art 5 ¶5 / Art 7 ¶3).
    S.LEVEL_CONFIRMED: frozenset({S.FORWARDED, S.CONTAINING, S.RECOVERED, S.LEVEL_CHANGED}),
    S.LEVEL_CHANGED: frozenset({S.FORWARDED, S.CONTAINING, S.RECOVERED, S.LEVEL_CHANGED}),
    S.FORWARDED: frozenset({S.CONTAINING, S.RECOVERED, S.LEVEL_CHANGED}),
    S.CONTAINING: frozenset({S.RECOVERED, S.LEVEL_CHANGED}),
    S.RECOVERED: frozenset({S.REPORT_SUBMITTED}),
    S.REPORT_SUBMITTED: frozenset({S.REPORT_ACCEPTED, S.EXPLANATION_REQUESTED}),
    S.EXPLANATION_REQUESTED: frozenset({S.REPORT_SUBMITTED}),
    S.REPORT_ACCEPTED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}

# States in which the level may still be reviewed by the reviewer (first review).
AWAITING_REVIEW = frozenset({S.REPORTED, S.UNDER_REVIEW})
# States in which the agency may still update the notification (續行通報).
OPEN_FOR_UPDATE = frozenset({S.REPORTED, S.UNDER_REVIEW, *REVIEWED, S.FORWARDED, S.CONTAINING})
# States in which the recovery clock still runs.
BEFORE_RECOVERY = OPEN_FOR_UPDATE | {S.DRAFT}

ALREADY_REVIEWED = _(
    "The level of this notification has already been reviewed (perhaps by someone else just now): reload the page."
)
ALREADY_IN_STATUS = _(
    "This incident is already “%(current)s” (perhaps someone else did this just now): reload the page."
)
TRANSITION_NOT_ALLOWED = _("An incident that is “%(current)s” cannot become “%(new)s”.")


# The shared machine (common/workflow.py): a step to the status the incident already has (and may not repeat),
# found on the locked row, means someone else took it meanwhile — a conflict, not a mere refusal.
WORKFLOW = Workflow(IncidentStatus, TRANSITIONS, refused=TRANSITION_NOT_ALLOWED, already=ALREADY_IN_STATUS)
can_transition = WORKFLOW.can_transition
ensure_transition = WORKFLOW.ensure_transition
