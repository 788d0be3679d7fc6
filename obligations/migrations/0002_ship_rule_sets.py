"""Ship the rule sets (2019, 2021-08-23 and the best-known 2026 rules) as published data with citations.

Fresh databases get the rows as corrected for issue 8; databases that applied the original version of this
migration are corrected by 0006 (which also records the promulgation dates)."""
from datetime import date

from django.db import migrations

from obligations.migrations._rule_data import SHIPPED, requirement_records


def _date(value):
    return date.fromisoformat(value) if value else None


def ship(apps, schema_editor):
    RuleSet = apps.get_model("obligations", "RuleSet")
    Requirement = apps.get_model("obligations", "Requirement")
    for spec, rows in SHIPPED:
        rule_set = RuleSet.objects.create(
            name=spec["name"], version=spec["version"], legal_basis=spec["legal_basis"],
            effective_from=_date(spec["effective_from"]), effective_to=_date(spec["effective_to"]),
            status="published", note=spec["note"])
        Requirement.objects.bulk_create(
            [Requirement(rule_set=rule_set, **record) for record in requirement_records(spec, rows())])


def unship(apps, schema_editor):
    RuleSet = apps.get_model("obligations", "RuleSet")
    for spec, _rows in SHIPPED:
        RuleSet.objects.filter(name=spec["name"], version=spec["version"]).delete()


class Migration(migrations.Migration):
    dependencies = [("obligations", "0001_initial")]
    operations = [migrations.RunPython(ship, unship)]
