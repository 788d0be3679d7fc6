"""Every transactional test restores the migrated data (see tests/conftest.py)."""

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_every_transactional_test_uses_serialized_rollback():
    pattern = re.compile(r"transaction=True(?![^)]*serialized_rollback=True)")
    offenders = [
        str(path.relative_to(TESTS))
        for path in TESTS.rglob("test_*.py")
        if path.name != Path(__file__).name and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_migration_tests_migrate_through_the_migrator_fixture():
    """A test that migrates by hand can leave its process's database at an old migration for the next test;
    the ``migrator`` fixture always ends at the leaf nodes (tests/migrations.py)."""
    offenders = [
        str(path.relative_to(TESTS))
        for path in TESTS.rglob("test_*.py")
        if path.name != Path(__file__).name and "MigrationExecutor" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
