"""The trail reads the event tables the apps registered (access/trail.py), not a list access keeps by hand."""

from auditlog.models import LogEntry

from access.forms import TrailFilterForm
from access.models import AccessEvent, ReadEvent
from access.retention import trail_tables
from access.trail import trail_sources
from infrastructure.models import AgencyEvent
from infrastructure.trail import REGISTRY_SOURCE
from opendata.models import OpenDataEvent


def test_each_app_registers_its_event_tables_in_ready_in_installed_apps_order():
    sources = trail_sources()
    assert list(sources) == ["registry", "access", "read", "field", "opendata"]
    assert sources["registry"] is REGISTRY_SOURCE
    assert (REGISTRY_SOURCE.object_type, REGISTRY_SOURCE.field_history_type) == ("agency", "infrastructure.agency")


def test_retention_purges_every_registered_table():
    assert trail_tables() == [
        (AgencyEvent, "occurred_at"),
        (AccessEvent, "occurred_at"),
        (ReadEvent, "occurred_at"),
        (LogEntry, "timestamp"),
        (OpenDataEvent, "occurred_at"),
    ]


def test_the_source_filter_offers_every_registered_source():
    choices = [value for value, _label in TrailFilterForm().fields["source"].choices]
    assert choices == ["", "registry", "access", "read", "field", "opendata"]
