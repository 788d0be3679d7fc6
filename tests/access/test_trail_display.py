"""The readable trail shows any stored field history, including django-auditlog's text for relations."""

from access.trail_display import _related
from infrastructure.models import Agency


def test_relation_values_that_are_not_ids_do_not_break_the_page():
    assert _related(Agency, "incidents.Incident.None") is None
    assert _related(Agency, "None") is None
    assert _related(Agency, "incidents.Incident.1, 2") == "incidents.Incident.1, 2"
