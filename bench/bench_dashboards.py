"""Bench: dashboards and compliance pages at national scale (about 8,000 agencies, five years of history).

Runs standalone: `.venv/bin/python bench/bench_dashboards.py [--seed N] [--runs N]`. It uses a throw-away
CSMA_VAR_DIR (its own SQLite file), migrates, runs `seed_demo --scale national` (timed: the first seed of
`make run`), then requests through Django's test client, logged in as the demo competent authority (national
scope) and as a sector regulator:

- the national dashboard: the first (cold) request computes every figure; later requests read the
  5-minute figure cache — p50 goal ≤ 50 ms, and the number of SQL queries;
- the same dashboard's figures computed without the cache (what a cold request costs);
- the compliance page (per agency, sorted by rate, 50 a page) and the sector regulator's dashboard.
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
# CSMA_BENCH_REUSE=DIR times an already seeded var directory (skips migrate and seed_demo; kept afterwards).
REUSE = os.environ.get("CSMA_BENCH_REUSE")
VAR_DIR = Path(REUSE) if REUSE else Path(tempfile.mkdtemp(prefix="csma-bench-dashboards-"))
(VAR_DIR / "static").mkdir(exist_ok=True)
os.environ["CSMA_VAR_DIR"] = str(VAR_DIR)
os.environ["DJANGO_SETTINGS_MODULE"] = "csma.settings.dev"
os.environ["DJANGO_DEBUG"] = "False"
os.environ["CELERY_BROKER_URL"] = "memory://"
os.environ["EMAIL_URL"] = "memorymail://"
os.environ.setdefault("DJANGO_LOG_LEVEL", "ERROR")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

GOAL_MS = 50.0


def timed(function):
    started = time.perf_counter()
    result = function()
    return (time.perf_counter() - started) * 1000, result


def logged_in(username: str) -> Client:
    from django.contrib.auth import get_user_model
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username=username)
    device, _created = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hant")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def requests(client: Client, url: str, runs: int) -> tuple[list[float], int]:
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            elapsed, response = timed(lambda: client.get(url))
        assert response.status_code == 200, (url, response.status_code)
        times.append(elapsed)
        queries = len(captured)
    return times, queries


def sector_regulator_username() -> str | None:
    from access.models import RoleAssignment
    from access.policy import Role

    found = RoleAssignment.objects.filter(role=Role.SECTOR_REGULATOR, revoked_at__isnull=True).first()
    return found.user.username if found else None


def report(label: str, times: list[float], queries: int | None, goal: float | None = None) -> None:
    p50 = statistics.median(times)
    verdict = "" if goal is None else (" ✓" if p50 <= goal else f" ✗ (goal ≤ {goal:.0f} ms)")
    extra = "" if queries is None else f", {queries} SQL queries"
    print(f"{label:48} p50 {p50:8.1f} ms  max {max(times):8.1f} ms{verdict}   ({len(times)} runs{extra})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    try:
        if not REUSE:
            call_command("migrate", verbosity=0)
            seed_ms, _ = timed(
                lambda: call_command(
                    "seed_demo", scale="national", seed=args.seed, verbosity=0, stdout=open(os.devnull, "w")
                )
            )
            print(f"seed_demo --scale national: {seed_ms / 1000:.1f} s (wall clock)")
        from infrastructure.models import Agency
        from obligations.models import Obligation

        print(f"{Agency.objects.count():,} agencies, {Obligation.objects.count():,} obligations over five years")
        run(args.runs)
    finally:
        if not REUSE:
            shutil.rmtree(VAR_DIR, ignore_errors=True)


def run(runs: int) -> None:
    from django.conf import settings

    from infrastructure.models import Agency
    from reports.dashboards import dashboard_data

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    national = logged_in("regulator")
    year = timezone.localdate().year
    cache.clear()
    cold, cold_queries = requests(national, f"/reports/dashboard/?year={year}", 1)
    report("national dashboard, first request (cold)", cold, cold_queries)
    warm, warm_queries = requests(national, f"/reports/dashboard/?year={year}", runs)
    report("national dashboard (figures cached)", warm, warm_queries, GOAL_MS)
    figures_times = []
    for _ in range(max(3, runs // 5)):
        elapsed, _data = timed(
            lambda: dashboard_data(
                agencies=Agency.objects.all(), year=year, today=timezone.localdate(), now=timezone.now()
            )
        )
        figures_times.append(elapsed)
    report("national figures, uncached (dashboard_data)", figures_times, None)
    page, page_queries = requests(national, f"/reports/compliance/?year={year}&sort=rate", max(3, runs // 5))
    report("compliance page, national, sorted by rate", page, page_queries)
    username = sector_regulator_username()
    if username:
        sector = logged_in(username)
        requests(sector, f"/reports/dashboard/?year={year}", 1)
        times, queries = requests(sector, f"/reports/dashboard/?year={year}", runs)
        report(f"sector regulator dashboard ({username}, cached)", times, queries, GOAL_MS)


if __name__ == "__main__":
    main()
