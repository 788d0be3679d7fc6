"""Every write of the incidents app (re-exported; see the modules for the legal basis)."""

from incidents.services.drills import drill_assign_year, drill_record_conducted, drill_submit_results  # noqa: F401
from incidents.services.filing import (  # noqa: F401
    NotificationInput,
    decide_level,
    incident_attachment_add,
    incident_report_create,
    incident_submit,
)
from incidents.services.recovery import (  # noqa: F401
    ReportContents,
    improvement_measure_add,
    improvement_measure_complete,
    incident_close,
    incident_mark_recovered,
    incident_report_decide,
    incident_report_extend,
    incident_report_submit,
)
from incidents.services.review import (  # noqa: F401
    incident_forward,
    incident_level_change,
    incident_renotify,
    incident_review_complete,
    incident_review_start,
)
from incidents.services.sweep import SweepResult, incident_clock_sweep  # noqa: F401
