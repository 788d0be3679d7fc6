from incidents.models.drills import Drill, DrillEvent  # noqa: F401
from incidents.models.events import IncidentAlert, IncidentEvent  # noqa: F401
from incidents.models.incident import Incident, IncidentClock, IncidentType, ReportChannel  # noqa: F401
from incidents.models.reports import ImprovementMeasure, IncidentAttachment, InvestigationReport  # noqa: F401
from incidents.models.rulesets import AlertLeadTime, IncidentRuleSet, IncidentRuleSetEvent  # noqa: F401
