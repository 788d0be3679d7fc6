"""`manage.py import_agencies`: output, exit codes, and nothing written on errors."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from infrastructure import imports
from infrastructure.models import Agency, AgencyEvent, RegistryImport
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE, NEWER = str(FIXTURES / "oid_registry_sample.csv"), str(FIXTURES / "oid_registry_newer.csv")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run(*args, verbosity: int = 1) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_agencies", *args, stdout=out, stderr=err, verbosity=verbosity)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def bad_roster(tmp_path) -> Path:
    path = tmp_path / "bad.csv"
    path.write_text(
        '"機關名稱","OID","電話","地址","DN"\r\n'
        '"行政院","2.16.886.101.20003","","",""\r\n'
        '"","2.16.886.101.20003.20006","","",""\r\n'
        '"外交部","2.16.886.101.20003.2000X","","",""\r\n',
        encoding="utf-8-sig",
    )
    return path


def test_import_prints_the_plan_and_the_result():
    user = UserFactory(username="importer")

    out, _err = run(SAMPLE, "--user", "importer")

    registry_import = RegistryImport.objects.get()
    assert out.splitlines() == [
        "Format: oid; data rows: 10",
        "to create 10, update 0, deactivate 0; 0 unchanged",
        f"Import {registry_import.pk} applied: 10 created, 0 updated, 0 deactivated, 0 unchanged, 10 events recorded.",
    ]
    assert (registry_import.original_name, registry_import.uploaded_by, registry_import.applied_by) == (
        "oid_registry_sample.csv",
        user,
        user,
    )
    assert set(AgencyEvent.objects.values_list("actor", "registry_import")) == {(user.pk, registry_import.pk)}


def test_progress_bar_is_shown_while_applying():
    _out, err = run(SAMPLE)

    assert "10/10" in err


def test_dry_run_shows_the_changes_and_writes_nothing():
    out, _err = run(SAMPLE, "--dry-run")

    assert out.splitlines()[:4] == [
        "Format: oid; data rows: 10",
        "would create 10, update 0, deactivate 0; 0 unchanged",
        "  create: 行政院",
        "  create: 內政部",
    ]
    assert out.splitlines()[-1] == "Dry run: nothing was written."
    assert (Agency.objects.exists(), RegistryImport.objects.exists()) == (False, False)


def test_dry_run_of_a_newer_roster_lists_updates_and_deactivations():
    run(SAMPLE)

    out, _err = run(NEWER, "--dry-run", "--deactivate-missing")

    lines = out.splitlines()
    assert lines[1] == "would create 2, update 3, deactivate 1; 6 unchanged"
    assert "  deactivate: 臺北市立建國高級中學" in lines
    assert "  update: 內政部 (phone '02-23565005' → '02-23565006')" in lines
    assert Agency.objects.filter(is_active=False).exists() is False


def test_roster_sync_with_deactivate_missing():
    run(SAMPLE)

    out, _err = run(NEWER, "--deactivate-missing")

    assert out.splitlines()[-1].endswith(
        "applied: 2 created, 3 updated, 1 deactivated, 6 unchanged, 6 events recorded."
    )
    assert Agency.objects.count() == 12
    assert list(Agency.objects.filter(is_active=False).values_list("name", flat=True)) == ["臺北市立建國高級中學"]


def test_reimport_changes_nothing():
    run(SAMPLE)

    out, _err = run(SAMPLE, "--deactivate-missing")

    assert out.splitlines()[1] == "to create 0, update 0, deactivate 0; 10 unchanged"
    assert AgencyEvent.objects.count() == 10


def test_errors_list_every_bad_row_and_write_nothing(bad_roster):
    err = StringIO()

    with pytest.raises(CommandError) as error:
        call_command("import_agencies", str(bad_roster), stdout=StringIO(), stderr=err)

    assert str(error.value) == "2 error(s); nothing was written."
    assert err.getvalue().splitlines() == [
        f"row 3, column 機關名稱: {imports.REQUIRED_VALUE}",
        "row 4, column OID: " + str(imports.INVALID_OID).format(value="2.16.886.101.20003.2000X"),
    ]
    assert (Agency.objects.exists(), AgencyEvent.objects.exists(), RegistryImport.objects.exists()) == (
        False,
        False,
        False,
    )


def test_file_level_error_is_printed_alone(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes((FIXTURES / "broken.xlsx").read_bytes())
    err = StringIO()

    with pytest.raises(CommandError):
        call_command("import_agencies", str(path), stdout=StringIO(), stderr=err)

    assert err.getvalue().splitlines() == [str(imports.BROKEN_SPREADSHEET).format(kind="XLSX", ext="xlsx")]


def test_forced_format_that_does_not_fit():
    with pytest.raises(CommandError):
        run(str(FIXTURES / "csma_template_example.csv"), "--format", "oid")

    assert Agency.objects.exists() is False


def test_unknown_user_and_missing_file():
    with pytest.raises(CommandError, match="No user named nobody."):
        run(SAMPLE, "--user", "nobody")
    with pytest.raises(CommandError, match="Cannot read /no/such/file.csv"):
        run("/no/such/file.csv")


def test_exit_code_is_non_zero_on_errors(bad_roster, tmp_path):
    """The real process on its own migrated database (the references of the valid rows are checked in the
    same pass as the bad rows, issue 9): every error on stderr, exit code 1."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "csma.settings.test",
        "CSMA_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'import-command.sqlite3'}",  # its own database on either pass
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300)

    process = subprocess.run(
        [sys.executable, "manage.py", "import_agencies", str(bad_roster), "--skip-checks"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    lines = process.stderr.strip().splitlines()  # in the default language, zh-Hant
    assert process.returncode == 1
    assert len(lines) == 3 and "2.16.886.101.20003.2000X" in lines[1]
    assert lines[-1].startswith("CommandError: ")
