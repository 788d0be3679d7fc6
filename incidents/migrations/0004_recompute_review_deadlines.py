"""Existing incidents: record the level as notified and recompute the review deadline from it.

The review period follows the level *as notified*, counted from receipt of that notification (通報及應變辦法
2021 Art 5 ¶1 / 12 ¶1; 2026 Art 7 ¶1 / 12 ¶1). Before this migration a reviewer's level change re-timed the
open review, and a renewed notification with a new level moved the first report's deadline. The latest
notification is the report, or the latest renewed notification that changed the level; every incident whose
review deadline changes gets a ``clocks_recomputed`` event with the deadline before and after.
"""

from datetime import timedelta

from django.db import migrations
from django.utils.timezone import now as django_now


def _latest_notification(incident, events):
    """(level as notified, received at) of the latest notification."""
    level, received = None, incident.reported_at
    for event in events:
        if event.kind == "reported":
            level = event.data.get("level", incident.level)
        elif event.kind == "renotified" and event.data.get("level_before") != event.data.get("level"):
            level, received = event.data.get("level"), event.occurred_at
    return level or incident.level, received


def recompute(apps, schema_editor):
    Incident = apps.get_model("incidents", "Incident")
    IncidentClock = apps.get_model("incidents", "IncidentClock")
    IncidentEvent = apps.get_model("incidents", "IncidentEvent")
    for incident in Incident.objects.select_related("rule_set").exclude(reported_at=None).iterator():
        events = IncidentEvent.objects.filter(incident=incident, kind__in=("reported", "renotified"))
        level, received = _latest_notification(incident, events.order_by("occurred_at", "id"))
        incident.notified_level = level
        incident.save(update_fields=["notified_level"])
        clock = IncidentClock.objects.filter(incident=incident, kind="review").first()
        if clock is None:
            continue
        rule_set = incident.rule_set
        hours = rule_set.review_hours_major if level >= 3 else rule_set.review_hours_minor
        due = received + timedelta(hours=hours)
        if (clock.due_at, clock.started_at) == (due, received):
            continue
        before = {"started_at": clock.started_at.isoformat(), "due_at": clock.due_at.isoformat()}
        clock.started_at, clock.due_at = received, due
        clock.save(update_fields=["started_at", "due_at", "updated_at"])
        IncidentEvent.objects.create(
            incident=incident,
            kind="clocks_recomputed",
            occurred_at=django_now(),
            status_before=incident.status,
            status_after=incident.status,
            data={
                "clock": "review",
                "before": before,
                "after": {"started_at": received.isoformat(), "due_at": due.isoformat()},
                "notified_level": level,
                "reason": "Review period of the level as notified, from receipt (通報及應變辦法第5條第1項、第12條第1項)",
            },
        )


def drop_notified_level(apps, schema_editor):
    apps.get_model("incidents", "Incident").objects.update(notified_level=None)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0003_incident_notified_level")]
    operations = [migrations.RunPython(recompute, drop_notified_level)]
