"""Every non-trivial read of the incidents app (re-exported)."""

from incidents.selectors.detail import ClockRow, clock_rows, incident_events, incident_get_for_user  # noqa: F401
from incidents.selectors.drills import drill_list_visible_to, drill_obligated_agencies  # noqa: F401
from incidents.selectors.lists import (  # noqa: F401
    incident_counts_by_level,
    incident_counts_by_sector,
    incident_list_overdue,
    incident_list_review_queue,
    incident_list_visible,
    missed_clock_counts,
)
from incidents.selectors.visibility import (  # noqa: F401
    agencies_user_acts_for,
    incident_list_visible_to,
    incident_visibility_q,
    is_reviewer,
    may_act_for,
    may_rereview,
    may_review,
    review_queue_q,
)
