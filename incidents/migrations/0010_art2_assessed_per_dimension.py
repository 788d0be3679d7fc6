"""Art. 2 of 資通安全事件通報及應變辦法 is assessed per dimension: what was leaked, what was tampered with and whose
operation stopped each carry their own qualifiers. The three shared answers (core, CI-related, classified) become
one scope per dimension; the level and the deciding criterion already stored are kept as they are."""

from django.db import migrations, models


def _information_scope(incident) -> str:
    if incident.classification in ("national", "official"):
        return incident.classification
    if incident.is_core:
        return "core_ci" if incident.is_ci_related else "core"
    return "non_core"


def _operation_scope(incident) -> str:
    if incident.is_core:
        return "core_ci" if incident.is_ci_related else "core"
    return "non_core"


def forwards(apps, schema_editor):
    Incident = apps.get_model("incidents", "Incident")
    for incident in Incident.objects.only("pk", "is_core", "is_ci_related", "classification").iterator():
        information = _information_scope(incident)
        Incident.objects.filter(pk=incident.pk).update(
            confidentiality_scope=information,
            integrity_scope=information,
            availability_scope=_operation_scope(incident),
        )


def backwards(apps, schema_editor):
    Incident = apps.get_model("incidents", "Incident")
    for incident in Incident.objects.only("pk", "confidentiality_scope", "integrity_scope", "availability_scope"):
        scopes = {incident.confidentiality_scope, incident.integrity_scope, incident.availability_scope}
        classification = next((s for s in ("national", "official") if s in scopes), "none")
        Incident.objects.filter(pk=incident.pk).update(
            is_core=bool(scopes & {"core", "core_ci"}),
            is_ci_related="core_ci" in scopes,
            classification=classification,
        )


INFORMATION = [
    ("non_core", "Non-core business information or non-core information system"),
    ("core", "Core business information or core information system, not involved in critical-infrastructure operation"),
    ("core_ci", "Core business information or core information system involved in critical-infrastructure operation"),
    ("official", "General official secret or sensitive information"),
    ("national", "National secret"),
]
OPERATION = [
    ("non_core", "Non-core business"),
    ("core", "Core business or core information system, not involved in critical-infrastructure operation"),
    ("core_ci", "Core business or core information system involved in critical-infrastructure operation"),
]


class Migration(migrations.Migration):
    dependencies = [("incidents", "0009_publish_shipped_incident_rule_sets")]

    operations = [
        migrations.AddField(
            model_name="incident",
            name="confidentiality_scope",
            field=models.CharField(
                choices=INFORMATION, default="non_core", max_length=10, verbose_name="information leaked"
            ),
        ),
        migrations.AddField(
            model_name="incident",
            name="integrity_scope",
            field=models.CharField(
                choices=INFORMATION, default="non_core", max_length=10, verbose_name="information or system tampered with"
            ),
        ),
        migrations.AddField(
            model_name="incident",
            name="availability_scope",
            field=models.CharField(choices=OPERATION, default="non_core", max_length=10, verbose_name="operation affected"),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="incident", name="is_core"),
        migrations.RemoveField(model_name="incident", name="is_ci_related"),
        migrations.RemoveField(model_name="incident", name="classification"),
    ]
