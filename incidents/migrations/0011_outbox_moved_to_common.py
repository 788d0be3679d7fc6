"""The notification outbox moves to common (common.OutboundNotification, one outbox for every app). Every row
is copied with its id, so incident alerts keep pointing at their notification, and the incident it was about
becomes its ``source``; PostgreSQL's id sequence is moved past the copied ids. Reversible: the way back copies
the rows about an incident, or about nothing, back into the incidents table (and out of common's)."""

import django.db.models.deletion
from django.core.management.color import no_style
from django.db import migrations, models

FIELDS = ("created_at", "updated_at", "topic", "recipients", "subject", "body", "attempts", "next_attempt_at")
FIELDS += ("sent_at", "last_error")


def copy_to_common(apps, schema_editor):
    """One INSERT … SELECT: every row, its id and its time stamps as they are."""
    Old = apps.get_model("incidents", "OutboundNotification")
    New = apps.get_model("common", "OutboundNotification")
    if not Old.objects.exists():
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    incident_type, _created = ContentType.objects.get_or_create(app_label="incidents", model="incident")
    quote = schema_editor.connection.ops.quote_name
    columns = ", ".join(quote(field) for field in FIELDS)
    _execute(
        schema_editor,
        f"INSERT INTO {quote(New._meta.db_table)} (id, {columns}, source_type_id, source_id, secret) "
        f"SELECT id, {columns}, CASE WHEN incident_id IS NULL THEN NULL ELSE %s END, incident_id, %s "
        f"FROM {quote(Old._meta.db_table)}",
        [incident_type.pk, False],
    )
    _reset_sequence(schema_editor, New)


def copy_back(apps, schema_editor):
    """The rows about an incident, or about nothing, go back (the old table knows no other source)."""
    Old = apps.get_model("incidents", "OutboundNotification")
    New = apps.get_model("common", "OutboundNotification")
    ContentType = apps.get_model("contenttypes", "ContentType")
    incident_type = ContentType.objects.filter(app_label="incidents", model="incident").first()
    quote = schema_editor.connection.ops.quote_name
    columns = ", ".join(quote(field) for field in FIELDS)
    _execute(
        schema_editor,
        f"INSERT INTO {quote(Old._meta.db_table)} (id, {columns}, incident_id) "
        f"SELECT id, {columns}, source_id FROM {quote(New._meta.db_table)} "
        "WHERE source_type_id IS NULL OR source_type_id = %s",
        [incident_type.pk if incident_type else None],
    )
    _reset_sequence(schema_editor, Old)


def drop_copied(apps, schema_editor):
    """The way back, last step: the rows copied back leave common (so a later forward run copies them again)."""
    New = apps.get_model("common", "OutboundNotification")
    ContentType = apps.get_model("contenttypes", "ContentType")
    incident_type = ContentType.objects.filter(app_label="incidents", model="incident").first()
    New.objects.filter(models.Q(source_type__isnull=True) | models.Q(source_type=incident_type)).delete()


def _execute(schema_editor, sql: str, params: list) -> None:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(sql, params)


def _reset_sequence(schema_editor, model) -> None:
    statements = schema_editor.connection.ops.sequence_reset_sql(no_style(), [model])
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0003_outbound_notification"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("incidents", "0010_art2_assessed_per_dimension"),
    ]

    operations = [
        # Forward: copy, repoint the alerts, drop the old table. Backward (in reverse order): recreate the old
        # table, copy back (the second RunPython), repoint the alerts (the rows they name exist again).
        migrations.RunPython(copy_to_common, drop_copied),
        migrations.AlterField(
            model_name="incidentalert",
            name="notification",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="common.outboundnotification",
            ),
        ),
        migrations.RunPython(migrations.RunPython.noop, copy_back),
        migrations.DeleteModel(name="OutboundNotification"),
    ]
