"""Upgrades: a PostgreSQL database populated at an earlier migration state (about 190 agencies with their
tree paths and events) is migrated to the latest state; every row is kept, the tree still answers subtree
ranges, and the data migrations in between shipped their rows."""

import json
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from tests.production import servers

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def empty_database():
    url = servers.database_url()
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres")).replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute('DROP DATABASE IF EXISTS "csma_upgrade_test" WITH (FORCE)')
        conn.execute('CREATE DATABASE "csma_upgrade_test"')
    yield urlunsplit(urlsplit(url)._replace(path="/csma_upgrade_test"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute('DROP DATABASE IF EXISTS "csma_upgrade_test" WITH (FORCE)')


def test_migrating_a_populated_database_keeps_every_row(empty_database):
    env = servers.process_env(broker_url="memory://")
    env["DATABASE_URL"] = empty_database
    result = subprocess.run(
        [sys.executable, "tests/production/migrate_populated.py"],
        cwd=servers.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["unapplied"] == 0
    assert outcome["paths_kept"] is True
    assert (outcome["agencies"], outcome["events"]) == (1 + 12 + 12 * 15, 1 + 12 + 12 * 15)
    assert outcome["subtree"] == sorted(["部會3", *(f"部會3所屬機關{n}" for n in range(15))])
    assert outcome["path_collation"] == "C"  # 0006 re-typed the populated column
    assert outcome["lead_times"] > 0 and outcome["incident_rule_sets"] > 0  # 0004 / 0002 data migrations ran
