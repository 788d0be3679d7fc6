"""IncidentEvent and DrillEvent on common.models.EventRecord (issue 10): channel, before and after added;
data with Django's JSON encoder; drill events indexed by time. Every row is kept (tests/test_event_migrations.py)."""

import django.core.serializers.json
import django.utils.timezone
from django.db import migrations, models


def system_channel_for_rows_without_actor(apps, schema_editor):
    """Incident and drill events had no channel: a row with a user came through the pages ("web", the new
    column's default); a row without one was written by the sweep, a command or a migration ("system")."""
    for name in ("IncidentEvent", "DrillEvent"):
        apps.get_model("incidents", name).objects.filter(actor__isnull=True).update(channel="system")


class Migration(migrations.Migration):

    dependencies = [
        ('incidents', '0010_art2_assessed_per_dimension'),
    ]

    operations = [
        migrations.AddField(
            model_name='drillevent',
            name='after',
            field=models.JSONField(blank=True, default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder),
        ),
        migrations.AddField(
            model_name='drillevent',
            name='before',
            field=models.JSONField(blank=True, default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder),
        ),
        migrations.AddField(
            model_name='drillevent',
            name='channel',
            field=models.CharField(default='web', max_length=10),
        ),
        migrations.AddField(
            model_name='incidentevent',
            name='after',
            field=models.JSONField(blank=True, default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder),
        ),
        migrations.AddField(
            model_name='incidentevent',
            name='before',
            field=models.JSONField(blank=True, default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder),
        ),
        migrations.AddField(
            model_name='incidentevent',
            name='channel',
            field=models.CharField(default='web', max_length=10),
        ),
        migrations.AlterField(
            model_name='drillevent',
            name='data',
            field=models.JSONField(blank=True, default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder),
        ),
        migrations.AlterField(
            model_name='drillevent',
            name='occurred_at',
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
        ),
        migrations.AlterField(
            model_name='incidentevent',
            name='data',
            field=models.JSONField(blank=True, default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder),
        ),
        migrations.RunPython(system_channel_for_rows_without_actor, migrations.RunPython.noop),
    ]
