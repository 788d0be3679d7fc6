"""The one way a test migrates the database backwards and forwards (tests/conftest.py's ``migrator`` fixture).

Every test database is shared by the tests of one pytest process, so a migration test must leave it at the
graph's leaf nodes whatever happens: the fixture migrates there on teardown, even when the test fails or ends
at an intermediate migration."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def leaf_nodes() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def migrate_to(targets):
    """Migrate to ``targets`` (a list of (app, migration) nodes) and return the historical apps there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


class Migrator:
    def to(self, targets):
        return migrate_to(targets)

    def latest(self):
        return migrate_to(leaf_nodes())
