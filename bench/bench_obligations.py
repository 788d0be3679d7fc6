"""Bench: obligations at national scale (about 8,000 government agencies and 280 SNGAs).

Runs standalone: `.venv/bin/python bench/bench_obligations.py [--seed N]`. It uses a throw-away CSMA_VAR_DIR
(its own SQLite file; under `scripts/with-servers.sh` a fresh PostgreSQL database instead), migrates, runs `seed_demo --scale national` (which assigns the current year), then times:

- assigning a whole national year that has no obligations yet (next year)        goal ≤ 20 s
- re-running that assignment (idempotent: creates nothing)
- the daily reminder scan (30/7/1 days before, overdue escalation, digests)     goal ≤ 5 s
  = ``obligation_queue_reminders``: select what is due and overdue, find every recipient, write today's digest
  rows (one per person; the rows are the reminders' outbox);
- their delivery, timed apart (``obligation_deliver_reminders``: claim the rows with one UPDATE, compose each
  text, build the MIME messages and hand them to the mail backend over one connection);
- a second reminder run on the same day, scan and delivery (sends nothing).
E-mail goes to Django's in-memory backend, so csma's own work is timed, not an SMTP server. Beat runs the scan
and the delivery one after the other (``obligation_send_reminders``).
The scan runs at 07:00 on the busiest reminder day of the seeded data (30 days before the date most owed
obligations fall due), so the figure does not depend on the day the bench is run.
`--reuse-seed` (PostgreSQL) starts from the copy of today's national demo data that `bench/load_mix.py
--reuse-seed` keeps on the same servers. `--profile FILE` writes a cProfile of the scan and delivery to FILE. `--seeded DIR` (SQLite only) starts from a
copy of a CSMA_VAR_DIR that `seed_demo --scale national` already filled instead of seeding again.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR_DIR = Path(tempfile.mkdtemp(prefix="csma-bench-obligations-"))
SEEDED = sys.argv[sys.argv.index("--seeded") + 1] if "--seeded" in sys.argv else None
if SEEDED:
    shutil.copytree(SEEDED, VAR_DIR, dirs_exist_ok=True)
(VAR_DIR / "static").mkdir(exist_ok=True)
os.environ["CSMA_VAR_DIR"] = str(VAR_DIR)
os.environ["DJANGO_SETTINGS_MODULE"] = "csma.settings.dev"
os.environ["DJANGO_DEBUG"] = "False"
os.environ["EMAIL_URL"] = "memorymail://"
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
if os.environ.get("DATABASE_URL", "").startswith("postgres"):  # under scripts/with-servers.sh: a fresh database
    from bench.load_setup import database_exists, fresh_database

    # --reuse-seed: a copy of the national demo data bench/load_mix.py --reuse-seed kept today, if there is one.
    TEMPLATE = f"csma_load_seed_national_{time.strftime('%Y%m%d')}"
    if "--reuse-seed" in sys.argv and database_exists(os.environ["DATABASE_URL"], TEMPLATE):
        SEEDED = TEMPLATE
    else:
        TEMPLATE = None
    os.environ["DATABASE_URL"] = fresh_database(os.environ["DATABASE_URL"], "csma_bench_obligations", template=TEMPLATE)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402

from infrastructure.models import Agency  # noqa: E402
from obligations import rules  # noqa: E402
from obligations.models import Obligation  # noqa: E402
from obligations.services import obligation_assign_year, obligation_send_reminders  # noqa: E402
from obligations.services.reminders import (  # noqa: E402
    obligation_deliver_reminders,
    obligation_queue_reminders,
)

GOALS = {"assign": 20.0, "reminders": 5.0}


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--seeded", metavar="DIR", help="copy this already seeded CSMA_VAR_DIR (SQLite)")
    parser.add_argument("--reuse-seed", action="store_true", help="PostgreSQL: start from load_mix's seeded copy")
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the first reminder scan to FILE")
    args = parser.parse_args()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    try:
        call_command("migrate", verbosity=0)
        seed_seconds, _ = (
            (0.0, None)
            if SEEDED
            else timed(
                lambda: call_command(
                    "seed_demo", scale="national", seed=args.seed, verbosity=0, stdout=open(os.devnull, "w")
                )
            )
        )
        agencies = Agency.objects.filter(is_active=True).count()
        year = timezone.localdate().year + 1
        from django.db import connection

        print(f"database: {connection.vendor}")
        print(
            f"seed_demo --scale national (incl. the current year's obligations): "
            f"{f'copied ({SEEDED})' if SEEDED else f'{seed_seconds:.1f} s'}; "
            f"{agencies:,} active agencies, {Obligation.objects.count():,} obligations"
        )
        rows = bench_assignment(year) + bench_reminders(year, profile=args.profile)
        for label, seconds, goal, note in rows:
            verdict = "" if goal is None else (" ✓" if seconds <= goal else f" ✗ (goal ≤ {goal:.0f} s)")
            print(f"{label:32} {seconds:7.2f} s{verdict}   {note}")
    finally:
        shutil.rmtree(VAR_DIR, ignore_errors=True)


def bench_assignment(year: int) -> list[tuple]:
    """Assign a national year, then the same year again (idempotent): (label, seconds, goal, note) rows."""
    assign_seconds, first = timed(lambda: obligation_assign_year(year=year, now=timezone.now()))
    rerun_seconds, again = timed(lambda: obligation_assign_year(year=year, now=timezone.now()))
    return [
        (
            "assign a national year",
            assign_seconds,
            GOALS["assign"],
            f"{year}: {first.agencies:,} agencies, {first.created:,} obligations created",
        ),
        ("re-run the same year", rerun_seconds, None, f"{again.created:,} created (idempotent)"),
    ]


def bench_reminders(year: int, *, profile: str | None) -> list[tuple]:
    """The reminder scan 30 days before the busiest due date of last year, its delivery, and a re-run."""
    busiest = (
        Obligation.objects.filter(year=year - 1, status__in=rules.OWED_STATUSES)
        .values("due_on")
        .annotate(n=Count("pk"))
        .order_by("-n", "due_on")
        .first()["due_on"]
    )
    day = busiest - timedelta(days=30)
    now = datetime.combine(day, datetime.min.time(), tzinfo=ZoneInfo("Asia/Taipei")) + timedelta(hours=7)
    print(f"reminder day: {day} (30 days before {busiest}, the most frequent due date)")
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    scan_seconds, scan = timed(lambda: obligation_queue_reminders(now=now))
    deliver_seconds, (claimed, sent) = timed(lambda: obligation_deliver_reminders(now=now))
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    rescan_seconds, rescan = timed(lambda: obligation_send_reminders(now=now + timedelta(hours=1)))
    return [
        (
            "daily reminder scan",
            scan_seconds,
            GOALS["reminders"],
            f"{scan.reminders:,} reminders, {scan.escalations:,} escalations, {scan.queued:,} digests queued",
        ),
        ("… their delivery", deliver_seconds, None, f"{claimed:,} digests claimed, {sent:,} e-mails"),
        (
            "scan + delivery again, same day",
            rescan_seconds,
            None,
            f"{rescan.digests:,} digests, {rescan.emails_sent:,} e-mails (none expected)",
        ),
    ]


if __name__ == "__main__":
    main()
