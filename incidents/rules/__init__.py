"""Pure regulation logic for incidents: levels (Art 2), clocks (Arts 4–6, 11–13; 2026 Arts 6, 7, 11, 12)
and the workflow. No ORM, no settings, no now()."""

from incidents.rules.clocks import (  # noqa: F401
    GOVERNMENT,
    SNGO,
    ClockKind,
    ClockState,
    ClockStatus,
    Deadline,
    RuleSetData,
    clock_status,
    forward_deadline,
    forward_required,
    notify_deadline,
    recover_deadline,
    renotify_deadline,
    report_deadline,
    review_deadline,
    rule_set_for,
)
from incidents.rules.drills import DrillKind, drill_periods, drill_results_due  # noqa: F401
from incidents.rules.levels import (  # noqa: F401
    IMPACT_FIELDS,
    Availability,
    Dimension,
    ImpactAnswers,
    IncidentLevel,
    InformationScope,
    LevelProposal,
    OperationScope,
    Severity,
    is_major,
    propose_level,
)
from incidents.rules.workflow import (  # noqa: F401
    ALREADY_IN_STATUS,
    ALREADY_REVIEWED,
    AWAITING_REVIEW,
    BEFORE_RECOVERY,
    OPEN_FOR_UPDATE,
    TRANSITION_NOT_ALLOWED,
    TRANSITIONS,
    WORKFLOW,
    IncidentStatus,
    can_transition,
    ensure_transition,
)
