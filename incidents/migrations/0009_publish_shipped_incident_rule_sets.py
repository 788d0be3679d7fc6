"""Every incident rule set that existed before versioning was already the law of its dates (lookups used every
row): mark it published, version 1, from the time it was shipped, with one event each. Reversible while no
newer version exists."""

from django.db import migrations

REASON = "shipped before rule-set versions (migration 0009)"


def forward(apps, schema_editor):
    IncidentRuleSet = apps.get_model("incidents", "IncidentRuleSet")
    IncidentRuleSetEvent = apps.get_model("incidents", "IncidentRuleSetEvent")
    for rule_set in IncidentRuleSet.objects.filter(status="draft", previous__isnull=True).order_by("effective_from"):
        rule_set.status, rule_set.version, rule_set.published_at = "published", 1, rule_set.created_at
        rule_set.save(update_fields=["status", "version", "published_at"])
        IncidentRuleSetEvent.objects.create(
            rule_set=rule_set,
            rule_set_code=rule_set.code,
            kind="published",
            channel="migration",
            occurred_at=rule_set.created_at,
            before={"status": "draft"},
            after={"status": "published", "version": 1},
            data={"reason": REASON},
        )


def backward(apps, schema_editor):
    IncidentRuleSet = apps.get_model("incidents", "IncidentRuleSet")
    IncidentRuleSetEvent = apps.get_model("incidents", "IncidentRuleSetEvent")
    if (
        IncidentRuleSet.objects.filter(previous__isnull=False).exists()
        or IncidentRuleSetEvent.objects.exclude(channel="migration").exists()
    ):
        raise RuntimeError("Newer incident rule set versions exist: they cannot be unmade by a migration.")
    IncidentRuleSetEvent.objects.filter(channel="migration", data__reason=REASON)._raw_delete(
        schema_editor.connection.alias
    )
    IncidentRuleSet.objects.update(status="draft", published_at=None)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0008_incident_rule_set_versions")]
    operations = [migrations.RunPython(forward, backward)]
