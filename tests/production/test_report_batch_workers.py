"""Export all sectors on the production path (issue 15): two real workers on the "reports" queue (Redis,
PostgreSQL, no eager mode) build the sectors of a batch in parallel, and a worker process killed by SIGKILL in
the middle of a sector (its report issued, its item not yet marked done) leaves nothing lost and nothing
twice: the task is redelivered (``acks_late`` + ``reject_on_worker_lost``, reports/tasks.py), the idempotent
service reuses the issued report, and the batch ends with exactly one report per sector in its zip.

How the test holds a task "in the middle": on a connection of its own it locks each sector's item row as soon
as a worker has marked it running (the worker then renders and issues the report, which takes seconds). The
worker's next step, marking the item done, waits behind that lock, so a kill there rolls the item back to
"running" while the issued report stays. (Locking the batch row instead would not do: Django's foreign keys
are deferred on PostgreSQL, so the wait would fall in COMMIT, which the server finishes without the client.)"""

import io
import os
import signal
import subprocess
import zipfile

import psycopg
import pytest
from django.conf import settings
from django.utils import timezone

from infrastructure.models import Sector
from reports.models import GeneratedReport, ReportBatch, ReportBatchItem, ReportEvent
from reports.services.batches import batch_start
from tests.production import servers

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _children(pid: int) -> list[int]:
    listing = subprocess.run(["ps", "--ppid", str(pid), "-o", "pid="], capture_output=True, text=True).stdout
    return [int(line) for line in listing.split()]


def _lock_waiters(conn: psycopg.Connection) -> int:
    """Backends of the test database waiting on a lock (the sector tasks blocked behind the test's lock)."""
    row = conn.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
    ).fetchone()
    return row[0]


def test_two_workers_build_sectors_in_parallel_and_a_killed_one_is_redelivered_once(world, users, services):
    from csma.celery import app

    eager, app.conf.task_always_eager = app.conf.task_always_eager, False  # queued to Redis, run by the workers
    sector_keys = ["public-agencies", *Sector.objects.order_by("sort_order").values_list("code", flat=True)[:2]]
    env = servers.process_env(broker_url=settings.CELERY_BROKER_URL)
    workers = [
        services.start(servers.celery_worker(env, services.logdir, name=name, queues="reports", concurrency=1))
        for name in ("worker-a", "worker-b")
    ]
    watcher = psycopg.connect(servers.database_url(), autocommit=True)
    holder = psycopg.connect(servers.database_url())
    try:
        batch, created = services_batch_start(users, sector_keys)
        assert created
        locked = _lock_items_as_they_start(holder, watcher, batch_id=batch.pk, count=2, logs=services.logs)
        # Both workers have a sector in hand at once (each runs one task at a time): two issued reports, two
        # tasks waiting behind the lock.
        servers.wait_until(
            lambda: (
                GeneratedReport.objects.filter(kind="sector", status="issued").count() == 2
                and _lock_waiters(watcher) == 2
            ),
            timeout=120,
            message=f"two sectors in progress at once\n{services.logs()}",
        )
        running = ReportBatchItem.objects.filter(batch=batch, status=ReportBatchItem.Status.RUNNING)
        assert set(running.values_list("pk", flat=True)) == set(locked)
        assert ReportBatchItem.objects.filter(batch=batch, status="pending").count() == 1
        issued_before = dict(GeneratedReport.objects.filter(kind="sector").values_list("subject_key", "pk"))

        (child,) = _children(workers[0].process.pid)  # worker-a's pool process, in the middle of its sector
        os.kill(child, signal.SIGKILL)
        servers.wait_until(
            lambda: _children(workers[0].process.pid) not in ([], [child]),
            timeout=60,
            message=f"worker-a replaces its killed process\n{services.logs()}",
        )
        holder.commit()  # let every sector finish

        servers.wait_until(
            lambda: ReportBatch.objects.get(pk=batch.pk).status == ReportBatch.Status.DONE,
            timeout=180,
            message=f"the batch finishes\n{services.logs()}",
        )
    finally:
        app.conf.task_always_eager = eager
        holder.close()
        watcher.close()

    reports = GeneratedReport.objects.filter(kind="sector")
    assert sorted(reports.values_list("subject_key", flat=True)) == sorted(f"sector:{key}" for key in sector_keys)
    for subject_key, pk in issued_before.items():  # the killed sector's report was reused, not issued again
        assert reports.get(subject_key=subject_key).pk == pk
    items = {item.sector_key: item for item in ReportBatchItem.objects.filter(batch=batch)}
    assert {key: item.status for key, item in items.items()} == dict.fromkeys(sector_keys, "done")
    assert sorted(item.attempts for item in items.values()) == [1, 1, 2]  # the killed sector ran twice
    assert "SIGKILL" in workers[0].log_path.read_text(errors="replace")  # Celery saw its process killed

    batch.refresh_from_db()
    archive = zipfile.ZipFile(io.BytesIO(batch.zip_file.open("rb").read()))
    pdfs = sorted(name for name in archive.namelist() if name.endswith(".pdf"))
    assert pdfs == sorted(f"{r.number}-{r.subject_key.split(':', 1)[1]}.pdf" for r in reports)
    events = ReportEvent.objects.filter(batch=batch)
    assert events.filter(kind=ReportEvent.Kind.BATCH_ITEM_DONE).count() == 3
    assert events.filter(kind=ReportEvent.Kind.BATCH_FINISHED).count() == 1


def _lock_items_as_they_start(holder, watcher, *, batch_id: int, count: int, logs) -> list[int]:
    """Lock (FOR UPDATE, held until ``holder`` commits) each item of the batch a worker has marked running,
    before the worker can mark it done; the row must still read "running" under the lock."""
    locked: list[int] = []

    def lock_new() -> bool:
        started = watcher.execute(
            "SELECT id FROM reports_reportbatchitem WHERE batch_id = %s AND status = 'running' AND NOT id = ANY(%s)",
            [batch_id, locked],
        ).fetchall()
        for (item_id,) in started:
            status = holder.execute(
                "SELECT status FROM reports_reportbatchitem WHERE id = %s FOR UPDATE", [item_id]
            ).fetchone()[0]
            assert status == "running", f"item {item_id} was already {status} when locked"
            locked.append(item_id)
        return len(locked) >= count

    servers.wait_until(lock_new, timeout=120, interval=0.05, message=f"{count} sectors started\n{logs()}")
    return locked


def services_batch_start(users, sector_keys):
    return batch_start(
        year=timezone.localdate().year,
        language="zh-hant",
        sector_keys=sector_keys,
        acting_user=users["moda"],
        issuer="數位發展部資通安全署",
        now=timezone.now(),
    )
