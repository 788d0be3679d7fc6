"""Bench: a real Celery worker's memory while it renders the largest sector report (issue 15).

Runs standalone: `.venv/bin/python bench/bench_worker_memory.py [--sector public-agencies]`. It uses a throw-away
CSMA_VAR_DIR (its own SQLite file and filesystem broker), migrates and runs `seed_demo --scale national`, or
times an already seeded var directory given as CSMA_BENCH_REUSE=DIR (kept afterwards). Then it starts
`celery worker --pool solo` (the task runs in the worker process itself, so its peak resident memory is the
worker's), queues the all-sector export of one sector (the government sector: ≈ 8,000 agency rows) exactly as
the "Export all sectors" page does, waits for the report, and prints the worker's resident memory before the
task and its peak (VmHWM, read from /proc) after it. Goal: peak ≤ 300 MB.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REUSE = os.environ.get("CSMA_BENCH_REUSE")
VAR_DIR = Path(REUSE) if REUSE else Path(tempfile.mkdtemp(prefix="csma-bench-worker-"))
(VAR_DIR / "static").mkdir(exist_ok=True)
os.environ["CSMA_VAR_DIR"] = str(VAR_DIR)
os.environ["DJANGO_SETTINGS_MODULE"] = "csma.settings.dev"
os.environ["DJANGO_DEBUG"] = "False"
os.environ["CELERY_BROKER_URL"] = "filesystem://"
os.environ["EMAIL_URL"] = "memorymail://"
os.environ.setdefault("DJANGO_LOG_LEVEL", "ERROR")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

GOAL_MB = 300


def memory_mb(pid: int, field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} for {pid}")


def start_worker(log: Path) -> subprocess.Popen:
    args = [sys.executable, "-m", "celery", "-A", "csma", "worker", "--pool", "solo", "-Q", "reports"]
    args += ["--without-gossip", "--without-mingle", "--loglevel", "INFO"]
    return subprocess.Popen(args, cwd=ROOT, env=os.environ.copy(), stdout=log.open("wb"), stderr=subprocess.STDOUT)


def wait_ready(log: Path, worker: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while "ready." not in log.read_text(errors="replace"):
        if worker.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the worker did not start:\n{log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.5)


def export_one_sector(sector: str) -> int:
    from django.contrib.auth import get_user_model

    from reports.services.batches import batch_start

    moda = get_user_model().objects.get(username="regulator")  # the demo competent authority
    batch, _created = batch_start(
        year=timezone.localdate().year, language="zh-hant", sector_keys=[sector], acting_user=moda,
        issuer="數位發展部資通安全署", now=timezone.now(),
    )  # fmt: skip
    return batch.pk


def wait_done(batch_id: int, worker: subprocess.Popen, log: Path, timeout: float = 1800) -> str:
    from reports.models import ReportBatch

    deadline = time.monotonic() + timeout
    while True:
        status = ReportBatch.objects.get(pk=batch_id).status
        if status != ReportBatch.Status.RUNNING:
            return status
        if worker.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the export did not finish:\n{log.read_text(errors='replace')[-2000:]}")
        time.sleep(1)


def latest_report(sector: str):
    from reports.models import GeneratedReport

    return GeneratedReport.objects.filter(subject_key=f"sector:{sector}", status="issued").order_by("-id").first()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sector", default="public-agencies")
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not REUSE:
        call_command("seed_demo", scale="national", seed=options.seed, verbosity=0)
    from reports.models import GeneratedReport, ReportBatch

    # the export reuses an issued report of the same sector, year and language: render it anew
    GeneratedReport.objects.filter(subject_key=f"sector:{options.sector}", year=timezone.localdate().year).delete()
    ReportBatch.objects.filter(status=ReportBatch.Status.RUNNING).update(status=ReportBatch.Status.PARTIAL)
    log = VAR_DIR / "bench-worker.log"
    worker = start_worker(log)
    try:
        wait_ready(log, worker)
        before = memory_mb(worker.pid, "VmRSS")
        started = time.perf_counter()
        status = wait_done(export_one_sector(options.sector), worker, log)
        elapsed = time.perf_counter() - started
        peak = memory_mb(worker.pid, "VmHWM")
        report = latest_report(options.sector)
    finally:
        worker.terminate()
        worker.wait(timeout=60)
        if not REUSE:
            shutil.rmtree(VAR_DIR, ignore_errors=True)
    pages = f", {report.size / 1024:,.0f} KB" if report else ""
    print(f"export of {options.sector}: {status} in {elapsed:.1f} s{pages} (load average {os.getloadavg()[0]:.1f})")
    print(
        f"worker (celery --pool solo) resident memory: {before:.0f} MB ready, peak {peak:.0f} MB (goal ≤ {GOAL_MB} MB)"
    )
    return 0 if status == "done" and peak <= GOAL_MB else 1


if __name__ == "__main__":
    sys.exit(main())
