"""Bench: what one incident filing request costs on its own, on the national demo data.

Runs standalone: `.venv/bin/python bench/bench_filing.py [--filings N] [--profile FILE]`; under
`scripts/with-servers.sh` on a fresh PostgreSQL database (and Redis as the broker), otherwise on its own
SQLite file with an in-memory broker. It migrates, runs `seed_demo --scale national`, makes one security
officer and one superior-agency reviewer of the officer's agency (so each filing writes an outbox row), then sends N
filing POSTs through the whole Django stack (middleware, form, service, outbox row, redirect) with the test
client, one after another — no concurrency, so the figures are the request's own cost, not queueing.
Prints p50/p95/max per request and the SQL queries of one filing. E-mail is not sent in the request: the
outbox row is written and a task queued after commit (the worker's job, not timed here).
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR_DIR = Path(tempfile.mkdtemp(prefix="csma-bench-filing-"))
(VAR_DIR / "static").mkdir()
os.environ["CSMA_VAR_DIR"] = str(VAR_DIR)
os.environ["DJANGO_SETTINGS_MODULE"] = "csma.settings.dev"
os.environ["DJANGO_DEBUG"] = "False"
os.environ.setdefault("CELERY_BROKER_URL", "memory://")
os.environ["EMAIL_URL"] = "memorymail://"
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
os.environ.setdefault("DJANGO_LOG_LEVEL", "ERROR")
if os.environ.get("DATABASE_URL", "").startswith("postgres"):  # under scripts/with-servers.sh: a fresh database
    from bench.load_setup import fresh_database

    os.environ["DATABASE_URL"] = fresh_database(os.environ["DATABASE_URL"], "csma_bench_filing")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

GOAL_MS = 300  # issue 15: filing p95 under load; a request alone must be far below it


def filing_data(agency_id: int, n: int) -> dict:
    aware = timezone.localtime(timezone.now() - timezone.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M")
    return {
        "agency": agency_id,
        "title": f"bench filing {n}",
        "incident_type": "malware",
        "aware_at": aware,
        "description": "負載測試：檔案伺服器發現惡意程式。",
        "confidentiality": "minor",
        "integrity": "none",
        "availability": "none",
        "measures_taken": "已隔離主機。",
        "channel": "web",
        "action": "report",
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def time_filings(client: Client, agency_id: int, count: int, *, profile: str | None) -> list[float]:
    """POST ``count`` filings one at a time: each one's milliseconds (profiled into ``profile`` if given)."""
    durations = []
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    for n in range(count):
        started = time.perf_counter()
        if profiler:
            response = profiler.runcall(client.post, "/incidents/file/", filing_data(agency_id, n))
        else:
            response = client.post("/incidents/file/", filing_data(agency_id, n))
        durations.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 302, response.content[:500]
    if profiler:
        profiler.dump_stats(profile)
    return durations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--filings", type=int, default=50)
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the filings to FILE (slows them)")
    args = parser.parse_args()
    try:
        from bench.load_setup import create_bench_users
        from common.models import OutboundNotification
        from incidents.models import Incident
        from infrastructure.models import Agency

        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)  # the page links the hashed static names
        call_command("seed_demo", scale="national", verbosity=0, stdout=open(os.devnull, "w"))
        officer, _reviewer = create_bench_users(officers=1, reviewers=1, regulators=0)
        from django.contrib.auth import get_user_model

        client = Client(HTTP_ACCEPT_LANGUAGE="zh-TW")
        client.force_login(get_user_model().objects.get(username=officer.username))
        print(
            f"database: {connection.vendor}; {Agency.objects.count():,} agencies, "
            f"{Incident.objects.count():,} incidents before the bench"
        )
        assert client.get("/incidents/file/").status_code == 200
        client.post("/incidents/file/", filing_data(officer.agency_id, -1))  # warm-up (caches, first imports)
        durations = time_filings(client, officer.agency_id, args.filings, profile=args.profile)
        with CaptureQueriesContext(connection) as queries:
            client.post("/incidents/file/", filing_data(officer.agency_id, args.filings))
        filed = Incident.objects.filter(title__startswith="bench filing").count()
        queued = OutboundNotification.objects.filter(incident__title__startswith="bench filing").count()
        p95 = percentile(durations, 95)
        verdict = " ✓" if p95 <= GOAL_MS else f" ✗ (goal ≤ {GOAL_MS} ms)"
        print(
            f"filing POST, one at a time, {args.filings} filings: p50 {statistics.median(durations):.0f} ms, "
            f"p95 {p95:.0f} ms{verdict}, max {max(durations):.0f} ms; {len(queries.captured_queries)} SQL queries "
            f"per filing; {filed} filed, {queued} notifications queued in the outbox"
        )
    finally:
        shutil.rmtree(VAR_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
