"""The trail reads the event tables the apps registered (access/trail.py), not a list access keeps by hand."""

from auditlog.models import LogEntry

from access.forms import TrailFilterForm
from access.models import AccessEvent, ReadEvent
from access.retention import trail_tables
from access.trail import trail_sources
from incidents.models import DrillEvent, IncidentEvent
from incidents.trail import DRILL_SOURCE, INCIDENT_SOURCE
from infrastructure.models import AgencyEvent
from infrastructure.trail import REGISTRY_SOURCE
from obligations.models import ObligationEvent
from obligations.trail import OBLIGATION_SOURCE
from opendata.models import OpenDataEvent
from reports.models import ReportEvent
from reports.trail import REPORT_SOURCE


def test_each_app_registers_its_event_tables_in_ready_in_installed_apps_order():
    sources = trail_sources()
    assert list(sources) == [
        "registry", "access", "read", "field", "obligations", "incidents", "drills", "reports", "opendata",
    ]  # fmt: skip
    assert sources["registry"] is REGISTRY_SOURCE
    assert (REGISTRY_SOURCE.object_type, REGISTRY_SOURCE.field_history_type) == ("agency", "infrastructure.agency")
    assert (sources["obligations"], sources["incidents"], sources["drills"], sources["reports"]) == (
        OBLIGATION_SOURCE, INCIDENT_SOURCE, DRILL_SOURCE, REPORT_SOURCE,
    )  # fmt: skip
    # The domain apps' events also show on the history page of the agency they are about.
    assert [key for key, source in sources.items() if source.on_agency_history] == [
        "obligations", "incidents", "drills",
    ]  # fmt: skip


def test_retention_purges_every_registered_table():
    assert trail_tables() == [
        (AgencyEvent, "occurred_at"),
        (AccessEvent, "occurred_at"),
        (ReadEvent, "occurred_at"),
        (LogEntry, "timestamp"),
        (ObligationEvent, "occurred_at"),
        (IncidentEvent, "occurred_at"),
        (DrillEvent, "occurred_at"),
        (ReportEvent, "occurred_at"),
        (OpenDataEvent, "occurred_at"),
    ]


def test_the_source_filter_offers_every_registered_source():
    choices = [value for value, _label in TrailFilterForm().fields["source"].choices]
    assert choices == [
        "", "registry", "access", "read", "field", "obligations", "incidents", "drills", "reports", "opendata",
    ]  # fmt: skip
