"""Run by test_migrations_populated.py in a child process against its own empty PostgreSQL database: migrate
to an earlier state (before the path collation, the reminder lead times and the incident rule data), fill
the registry through the historical models, migrate to the latest state, and print what survived (JSON)."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csma.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402

from infrastructure import rules  # noqa: E402

EARLIER = [
    ("infrastructure", "0005_agency_event_ip_address"),
    ("obligations", "0003_reminder_lead_times"),
    ("incidents", "0001_initial"),
    ("access", "0002_trail_purged_kind"),
]


def seed(apps) -> dict:
    Agency, AgencyEvent = apps.get_model("infrastructure", "Agency"), apps.get_model("infrastructure", "AgencyEvent")
    root = Agency.objects.create(name="行政院", oid="2.16.886.101.20003")
    root.path = rules.child_path("", root.pk)
    root.save(update_fields=["path"])
    created = [root]
    for m in range(12):
        ministry = Agency.objects.create(name=f"部會{m}", parent=root, depth=1)
        ministry.path = rules.child_path(root.path, ministry.pk)
        ministry.save(update_fields=["path"])
        created.append(ministry)
        for n in range(15):
            child = Agency.objects.create(name=f"部會{m}所屬機關{n}", parent=ministry, depth=2)
            child.path = rules.child_path(ministry.path, child.pk)
            child.save(update_fields=["path"])
            created.append(child)
    AgencyEvent.objects.bulk_create(
        [AgencyEvent(agency_id=a.pk, kind="created", data={"name": a.name}) for a in created]
    )
    return {a.name: a.path for a in created}


def main() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(EARLIER)
    executor.loader.build_graph()
    paths = seed(executor.loader.project_state(EARLIER).apps)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    from incidents.models import IncidentRuleSet
    from infrastructure.models import Agency, AgencyEvent
    from obligations.models import ReminderLeadTime

    ministry = Agency.objects.get(name="部會3")
    subtree = Agency.objects.filter(path__gte=ministry.path, path__lt=rules.subtree_upper_bound(ministry.path))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT collation_name FROM information_schema.columns "
            "WHERE table_name = 'infrastructure_agency' AND column_name = 'path'"
        )
        collation = cursor.fetchone()[0]
    print(
        json.dumps(
            {
                "paths_kept": dict(Agency.objects.values_list("name", "path")) == paths,
                "agencies": Agency.objects.count(),
                "events": AgencyEvent.objects.count(),
                "subtree": sorted(subtree.values_list("name", flat=True)),
                "path_collation": collation,
                "lead_times": ReminderLeadTime.objects.count(),
                "incident_rule_sets": IncidentRuleSet.objects.count(),
                "unapplied": len(MigrationExecutor(connection).migration_plan(executor.loader.graph.leaf_nodes())),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
