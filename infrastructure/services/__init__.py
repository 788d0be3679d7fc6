"""Every write to the registry. Keyword-only; each writes its AgencyEvent in the same transaction."""

from infrastructure.services.agencies import (
    AGENCY_EDITABLE_FIELDS,  # noqa: F401
    agency_deactivate,  # noqa: F401
    agency_move,  # noqa: F401
    agency_reactivate,  # noqa: F401
    agency_register,  # noqa: F401
    agency_reorganise,  # noqa: F401
    agency_update,  # noqa: F401
)
from infrastructure.services.levels import (
    LEVEL_MISMATCH,  # noqa: F401
    cycle_rule_in_force,  # noqa: F401
    level_approve,  # noqa: F401
    level_file_for_reference,  # noqa: F401
    level_proposal_errors,  # noqa: F401
    level_propose,  # noqa: F401
    level_reject,  # noqa: F401
    level_route_for,  # noqa: F401
    level_submit,  # noqa: F401
)
from infrastructure.services.records import (
    SYSTEM_FIELDS,  # noqa: F401
    ci_designate,  # noqa: F401
    ci_designation_withdraw,  # noqa: F401
    contact_add,  # noqa: F401
    contact_end,  # noqa: F401
    system_record,  # noqa: F401
)
