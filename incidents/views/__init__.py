from incidents.views.agency import (  # noqa: F401
    attachment_add_view,
    attachment_download_view,
    incident_detail_view,
    incident_list_view,
    incident_recover_view,
    incident_report_view,
    incident_submit_view,
    incident_timeline_view,
    incident_update_view,
    measure_add_view,
    measure_complete_view,
)
from incidents.views.filing import incident_file_view  # noqa: F401
from incidents.views.national import drill_assign_view, drill_list_view, drill_update_view, national_view  # noqa: F401
from incidents.views.review import (  # noqa: F401
    incident_close_view,
    incident_forward_view,
    incident_rereview_view,
    incident_review_view,
    report_decide_view,
    report_extend_view,
    review_queue_view,
)
