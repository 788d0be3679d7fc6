"""`manage.py backup` then `manage.py restore` into a fresh PostgreSQL cluster: every row of every table and
every uploaded file (byte for byte) is there, checked independently of the restore's own verification."""

import hashlib
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.utils import timezone

from common.backup import table_counts
from incidents.models import Incident
from obligations import services as obligation_services
from obligations.models import EvidenceFile
from tests.incidents.conftest import file_incident
from tests.obligations.helpers import approve_level
from tests.production import servers

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PDF = b"%PDF-1.4\n%backup test\n%%EOF\n"


@pytest.fixture
def cluster():
    workdir = Path(tempfile.mkdtemp(prefix="csma-restore-"))  # the postgres user must be able to enter it
    fresh = servers.PostgresCluster(workdir).start()
    yield fresh
    fresh.stop()
    shutil.rmtree(workdir, ignore_errors=True)


def test_a_backup_restores_into_a_fresh_cluster_with_every_row_and_file(world, users, settings, tmp_path, cluster):
    settings.MEDIA_ROOT = tmp_path / "media"
    approve_level(world["tax"], "C", date(2026, 3, 16))
    file_incident(world["tax"], users["officer"], level=2, aware_at=timezone.now())
    obligation = world["tax"].obligations.filter(status="open").order_by("pk").first()
    from django.core.files.uploadedfile import SimpleUploadedFile

    obligation_services.evidence_submit(
        now=timezone.now(),
        obligation=obligation,
        uploads=[SimpleUploadedFile("弱點掃描報告.pdf", PDF, "application/pdf")],
        acting_user=users["officer"],
        statement="",
        performed_on=None,
        valid_until=None,
    )
    stored = EvidenceFile.objects.get()
    source_counts = table_counts()
    call_command("backup", str(tmp_path / "backup"))

    restored_var = tmp_path / "restored-var"
    env = servers.process_env(broker_url="memory://", CSMA_VAR_DIR=str(restored_var))
    env["DATABASE_URL"] = cluster.url
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(tmp_path / "backup")],
        cwd=servers.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every table's row count and every file's hash match" in result.stdout

    with psycopg.connect(cluster.url.replace("postgres://", "postgresql://")) as conn:
        restored_counts = {
            table: conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in source_counts
        }
        titles = [row[0] for row in conn.execute("SELECT title FROM incidents_incident ORDER BY id")]
    assert restored_counts == source_counts
    assert source_counts["incidents_incident"] == 1 and source_counts["obligations_evidencefile"] == 1
    assert titles == list(Incident.objects.order_by("pk").values_list("title", flat=True))
    restored_file = restored_var / "test-private" / stored.file.name
    assert hashlib.sha256(Path(restored_file).read_bytes()).hexdigest() == hashlib.sha256(PDF).hexdigest()
