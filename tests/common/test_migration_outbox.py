"""incidents 0011 moves the outbox to common: every stored notification survives with its id, its incident, its
text and its delivery state (a pending row failing for the third time stays pending and failing), the
incident alert still names its notification, and new rows continue after the copied ids (PostgreSQL's
sequence). The way back copies the rows into the incidents table again."""

from datetime import UTC, datetime

import pytest

from common.models import OutboundNotification
from incidents.models import IncidentAlert
from tests.incidents.conftest import file_incident

BEFORE = [("incidents", "0010_art2_assessed_per_dimension")]
FAILED_AT = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
FIELDS = ("pk", "topic", "recipients", "subject", "body", "attempts", "next_attempt_at", "sent_at", "last_error")
STAMPS = ("created_at", "updated_at")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_old_outbox_rows_survive_the_move_to_common(world, users, migrator):
    # Given a level-3 filing: the reviewer's notice and the major-incident alert (which names its notification)
    incident = file_incident(world["tax"], users["officer"], level=3)
    alert = IncidentAlert.objects.get(incident=incident)
    assert alert.notification is not None
    # … stored in the old incidents table (the way back copies them there), one of them failing for the
    # third time, plus an old row about no incident (audits used to write those)
    old_apps = migrator.to(BEFORE)
    Old = old_apps.get_model("incidents", "OutboundNotification")
    assert sorted(Old.objects.values_list("topic", "incident_id")) == [
        ("major", incident.pk),
        ("reported", incident.pk),
    ]
    Old.objects.filter(topic="reported").update(
        attempts=3, sent_at=None, next_attempt_at=FAILED_AT, last_error="SMTPDataError: 421"
    )
    Old.objects.create(topic="audit_report_due_at", recipients=["mof@example.gov.tw"], subject="s", body="b")
    before = {row.pk: row for row in Old.objects.all()}
    assert sorted(row.topic for row in before.values()) == ["audit_report_due_at", "major", "reported"]

    # When the move runs (with every later migration: the database ends where the other tests expect it)
    migrator.latest()

    # Then every row is in common, field for field, with its incident as its source
    moved = {row.pk: row for row in OutboundNotification.objects.all()}
    assert sorted(moved) == sorted(before)
    for pk, old in before.items():
        new = moved[pk]
        assert [getattr(new, f) for f in FIELDS + STAMPS] == [getattr(old, f) for f in FIELDS + STAMPS]
        assert new.source_id == old.incident_id
        assert new.secret is False
    assert OutboundNotification.objects.get(topic="reported").incident.get() == incident
    assert OutboundNotification.objects.get(topic="audit_report_due_at").source is None
    assert set(OutboundNotification.objects.filter(incident=incident).values_list("topic", flat=True)) == {
        "major",
        "reported",
    }
    failing = OutboundNotification.objects.get(topic="reported")
    assert (failing.attempts, failing.sent_at, failing.last_error) == (3, None, "SMTPDataError: 421")
    assert IncidentAlert.objects.get(pk=alert.pk).notification_id == alert.notification_id
    # and a new notification continues after the copied ids
    new = OutboundNotification.objects.create(topic="t", recipients=["a@example.gov.tw"], subject="s", body="b")
    assert new.pk > max(before)
