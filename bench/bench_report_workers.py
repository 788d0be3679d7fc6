"""Bench: "Export all sectors" of a national year through real Celery workers (issues 11 and 15).

Runs standalone: `.venv/bin/python bench/bench_report_workers.py`. It uses a throw-away CSMA_VAR_DIR (its own
SQLite file and filesystem broker), migrates and runs `seed_demo --scale national`, or times an already seeded
var directory given as CSMA_BENCH_REUSE=DIR (kept afterwards). It prints, on the national demo data:

- the builder alone for the largest sector (公務機關, ≈ 8,000 agencies): the figures and rows a PDF is drawn
  from, in this process;
- the export of every sector (one task per sector, as the "Export all sectors" page queues them) with one
  worker, then with two: `celery worker --pool solo` processes (each task runs in the worker process itself),
  the time from the click to the zip, and each worker's resident memory when ready and at its peak (VmHWM,
  read from /proc) — the memory of a worker rendering the largest report.

Goals: every sector of a national year in ≤ 60 s with 2 workers (issue 11); worker memory is measured (issue 15).
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

GOAL_SECONDS = 60


def memory_mb(pid: int, field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} for {pid}")


def start_worker(log: Path, name: str) -> subprocess.Popen:
    args = [sys.executable, "-m", "celery", "-A", "csma", "worker", "--pool", "solo", "-Q", "reports"]
    args += ["-n", f"{name}@%h", "--without-gossip", "--without-mingle", "--loglevel", "INFO"]
    return subprocess.Popen(args, cwd=ROOT, env=os.environ.copy(), stdout=log.open("wb"), stderr=subprocess.STDOUT)


def wait_ready(log: Path, worker: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while "ready." not in log.read_text(errors="replace"):
        if worker.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the worker did not start:\n{log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.5)


def ensure_unrendered(year: int, language: str) -> None:
    """An export reuses the issued reports of its year and language (issued reports are immutable and never
    deleted), so each run exports a year and language of which nothing has been issued yet."""
    from reports.models import GeneratedReport

    if GeneratedReport.objects.filter(kind="sector", year=year, language=language).exists():
        raise SystemExit(f"sector reports of {year} ({language}) are already issued in {VAR_DIR}: use a fresh seed")


def export_all(year: int, language: str) -> int:
    from django.contrib.auth import get_user_model

    from reports import subjects
    from reports.services.batches import batch_start

    regulator = get_user_model().objects.get(username="regulator")  # the demo competent authority
    batch, _created = batch_start(
        year=year, language=language, sector_keys=[s.key for s in subjects.sector_subjects()],
        acting_user=regulator, issuer="數位發展部資通安全署", now=timezone.now(),
    )  # fmt: skip
    return batch.pk


def wait_done(batch_id: int, workers: list, timeout: float = 1800) -> str:
    from reports.models import ReportBatch

    deadline = time.monotonic() + timeout
    while True:
        status = ReportBatch.objects.get(pk=batch_id).status
        if status != ReportBatch.Status.RUNNING:
            return status
        if any(w.poll() is not None for w, _log in workers) or time.monotonic() > deadline:
            logs = "\n".join(log.read_text(errors="replace")[-1500:] for _w, log in workers)
            raise SystemExit(f"the export did not finish:\n{logs}")
        time.sleep(0.5)


def run_export(count: int, year: int, language: str) -> tuple[float, str, list[tuple[float, float]]]:
    """(seconds from the click to the zip, batch status, [(ready MB, peak MB) per worker])."""
    ensure_unrendered(year, language)
    workers = []
    try:
        for index in range(count):
            log = VAR_DIR / f"bench-worker-{count}-{index}.log"
            workers.append((start_worker(log, f"bench{index}"), log))
        for worker, log in workers:
            wait_ready(log, worker)
        ready = [memory_mb(worker.pid, "VmRSS") for worker, _log in workers]
        started = time.perf_counter()
        status = wait_done(export_all(year, language), workers)
        elapsed = time.perf_counter() - started
        memory = [(r, memory_mb(worker.pid, "VmHWM")) for r, (worker, _log) in zip(ready, workers, strict=True)]
    finally:
        for worker, _log in workers:
            worker.terminate()
        for worker, _log in workers:
            worker.wait(timeout=60)
    return elapsed, status, memory


def time_builder(year: int) -> float:
    from reports import data as d
    from reports.builders.sector import build_sector_summary
    from reports.subjects import GOVERNMENT, sector_agencies

    now = timezone.now()
    header = d.ReportHeader(
        kind="sector", language="zh-hant", subject="公務機關", year=year, number="", version=1,
        issuer="數位發展部資通安全署", classification="限閱", generated_at=now,
    )  # fmt: skip
    started = time.perf_counter()
    summary = build_sector_summary(
        header=header, agencies=sector_agencies(GOVERNMENT), today=timezone.localdate(now),
        observations=d.Observations(),
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    print(f"builder, 公務機關 {year}: {elapsed:.1f} s for {len(summary.agencies):,} agency rows")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--year", type=int, default=None, help="default: last year (exported in January)")
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not REUSE:
        call_command("seed_demo", scale="national", seed=options.seed, verbosity=0)
    year = options.year or timezone.localdate().year - 1
    try:
        time_builder(year)
        # the same year twice: in Chinese with one worker, in English with two (nothing issued is reused)
        results = {1: run_export(1, year, "zh-hant"), 2: run_export(2, year, "en")}
    finally:
        if not REUSE:
            shutil.rmtree(VAR_DIR, ignore_errors=True)
    print(
        f"export of every sector, {year}, zh-Hant with 1 worker, English with 2 (load average {os.getloadavg()[0]:.1f}):"
    )
    for count, (elapsed, status, memory) in results.items():
        per_worker = ", ".join(f"{ready:.0f} MB ready / {peak:.0f} MB peak" for ready, peak in memory)
        mark = " ✓" if count != 2 or elapsed <= GOAL_SECONDS else " ✗"
        print(f"  {count} worker{'s' if count > 1 else ''}: {status} in {elapsed:.1f} s{mark}   ({per_worker})")
    print(f"  goal: ≤ {GOAL_SECONDS} s with 2 workers")
    return 0 if all(status == "done" for _e, status, _m in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
