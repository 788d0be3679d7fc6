"""Agency.path must sort byte-wise: subtree queries are ranges [path, path with '.'→'/'), and locale
collations (en_US.UTF-8, zh_TW.UTF-8) ignore punctuation at the first level. SQLite compares BINARY by
default; on PostgreSQL the column gets the "C" collation (its indexes are rebuilt with it)."""
from django.db import migrations


def use_c_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('ALTER TABLE infrastructure_agency ALTER COLUMN path TYPE varchar(600) COLLATE "C"')


class Migration(migrations.Migration):
    dependencies = [("infrastructure", "0005_agency_event_ip_address")]
    operations = [migrations.RunPython(use_c_collation, migrations.RunPython.noop)]
