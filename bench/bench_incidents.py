"""Bench: the incident clock sweep over 100,000 open incidents (goal ≤ 1 s per run) and filing throughput.

Runs standalone: `.venv/bin/python bench/bench_incidents.py [--incidents N] [--filings N] [--runs N]`. It uses a
throw-away CSMA_VAR_DIR (its own SQLite file) and an in-memory broker and mail backend, migrates, bulk-inserts
N open incidents (aware-at spread over the last 80 hours, so the recovery clocks of some are already past, and
review clocks half open) with their clocks, then times:

1. the first ("catch-up") sweep, which warns and escalates everything already due;
2. steady-state sweeps, one per simulated minute, each handling only the clocks that crossed a threshold since
   the previous minute — what the beat task does every minute (median, max, SQL queries of one run);
3. a repeated sweep at the same instant (idempotence: nothing new);
4. filing throughput: ``incident_report_create`` one by one (notification, clocks, events, outbox rows).
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR_DIR = Path(tempfile.mkdtemp(prefix="csma-bench-incidents-"))
(VAR_DIR / "static").mkdir()
os.environ["CSMA_VAR_DIR"] = str(VAR_DIR)
os.environ["DJANGO_SETTINGS_MODULE"] = "csma.settings.dev"
os.environ["DJANGO_DEBUG"] = "False"
os.environ["CELERY_BROKER_URL"] = "memory://"
os.environ["EMAIL_URL"] = "memorymail://"
os.environ.setdefault("DJANGO_LOG_LEVEL", "ERROR")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

AGENCIES = 400


def build_world():
    from access import grants
    from access.policy import Role
    from infrastructure import rules as registry_rules
    from infrastructure.models import Agency
    from tests.factories import UserFactory

    ministry = Agency.objects.create(name="部會")
    ministry.path = registry_rules.child_path("", ministry.pk)
    ministry.save(update_fields=["path"])
    children = Agency.objects.bulk_create([Agency(name=f"所屬機關{i}", parent=ministry) for i in range(AGENCIES)])
    for child in children:
        child.path, child.depth = registry_rules.child_path(ministry.path, child.pk), 1
    Agency.objects.bulk_update(children, ["path", "depth"])
    officer = UserFactory(username="bench-officer")
    grants.role_grant(user=officer, role=Role.SECURITY_OFFICER, agency=children[0], now=timezone.now())
    grants.role_grant(
        user=UserFactory(username="bench-superior"), role=Role.SUPERIOR_AGENCY, agency=ministry, now=timezone.now()
    )
    grants.role_grant(user=UserFactory(username="bench-moda"), role=Role.COMPETENT_AUTHORITY, now=timezone.now())
    return children, officer


def incident_clocks(incident, data) -> list:
    """Its notify (met), review (met for every other incident) and recover (open) clocks, unsaved."""
    from incidents import rules
    from incidents.models import IncidentClock

    aware, kind = incident.aware_at, rules.GOVERNMENT
    notify = rules.notify_deadline(data, aware_at=aware, agency_kind=kind)
    review = rules.review_deadline(data, received_at=incident.reported_at, level=incident.level, agency_kind=kind)
    recover = rules.recover_deadline(data, aware_at=aware, level=incident.level, agency_kind=kind)
    reviewed = incident.pk % 2 == 0
    return [
        IncidentClock(
            incident=incident,
            kind=notify.kind,
            started_at=aware,
            due_at=notify.due_at,
            citation=notify.citation,
            met_at=incident.reported_at,
        ),
        IncidentClock(
            incident=incident,
            kind=review.kind,
            started_at=incident.reported_at,
            due_at=review.due_at,
            citation=review.citation,
            met_at=incident.reported_at + timedelta(hours=1) if reviewed else None,
        ),
        IncidentClock(
            incident=incident, kind=recover.kind, started_at=aware, due_at=recover.due_at, citation=recover.citation
        ),
    ]


def bulk_open_incidents(children, count: int, now):
    """Open incidents with their notify (met), review (half open) and recover (open) clocks."""
    import random

    from incidents.models import Incident, IncidentClock, IncidentRuleSet

    rng = random.Random(7)
    rule_set = IncidentRuleSet.objects.get(code="2026-01-05")
    data = rule_set.as_data()
    incidents = []
    for i in range(count):
        aware = now - timedelta(seconds=rng.uniform(0, 80 * 3600))
        level = rng.choices((1, 2, 3), (87, 10, 3))[0]
        incidents.append(
            Incident(
                agency=children[i % len(children)],
                title=f"bench {i}",
                incident_type="intrusion",
                aware_at=aware,
                description="d",
                measures_taken="m",
                level=level,
                rule_set=rule_set,
                reported_at=aware + timedelta(minutes=20),
                status="reported",
            )
        )
    Incident.objects.bulk_create(incidents, batch_size=2000)
    clocks = [clock for incident in incidents for clock in incident_clocks(incident, data)]
    IncidentClock.objects.bulk_create(clocks, batch_size=5000)
    return len(clocks)


def timed(function):
    started = time.perf_counter()
    result = function()
    return (time.perf_counter() - started) * 1000, result


def catch_up(now, budget: float):
    """Beat (or every worker) was down while the clocks crossed their thresholds: one run per minute from the
    moment it is back, each bounded by the budget, until nothing is left; every alert exactly once."""
    from common.models import OutboundNotification
    from incidents.models import IncidentAlert
    from incidents.services import incident_clock_sweep

    notifications_before, runs, minute = OutboundNotification.objects.count(), [], 0
    while True:
        ms, result = timed(
            lambda minute=minute: incident_clock_sweep(now=now + timedelta(minutes=minute), budget_seconds=budget)
        )
        runs.append((ms, result))
        minute += 1
        if not result.backlog:
            break
    alerts = sum(r.warnings + r.escalations for _ms, r in runs)
    stored = IncidentAlert.objects.count()
    distinct = IncidentAlert.objects.values("incident_id", "clock_kind", "kind", "due_at").distinct().count()
    print(
        f"  catch-up after an outage ({budget:.0f} s budget/run): {len(runs)} run(s), longest "
        f"{max(ms for ms, _r in runs) / 1000:.1f} s, total {sum(ms for ms, _r in runs) / 1000:.1f} s; "
        f"{alerts:,} alerts ({stored:,} stored, {distinct:,} distinct), "
        f"{OutboundNotification.objects.count() - notifications_before:,} notifications, "
        f"{sum(r.delivered for _ms, r in runs):,} e-mailed during the catch-up"
    )
    return now + timedelta(minutes=minute - 1)


def bench_sweep(now, runs: int, budget: float = 40) -> None:
    from incidents.services import incident_clock_sweep

    last = catch_up(now, budget)
    ms, again = timed(lambda: incident_clock_sweep(now=last, deliver=False))
    print(
        f"  last instant again (idempotence)   {ms:9.1f} ms   warnings {again.warnings}, escalations "
        f"{again.escalations}, delivered {again.delivered}"
    )
    durations, alerts = [], 0
    for minute in range(1, runs + 1):  # the alert part of the sweep; the backlog's e-mail is timed below
        ms, result = timed(
            lambda minute=minute: incident_clock_sweep(now=last + timedelta(minutes=minute), deliver=False)
        )
        durations.append(ms)
        alerts += result.warnings + result.escalations
    with CaptureQueriesContext(connection) as queries:
        incident_clock_sweep(now=last + timedelta(minutes=runs + 1), deliver=False)
    print(
        f"  steady state, {runs} runs (1/minute)   median {statistics.median(durations):7.1f} ms, max "
        f"{max(durations):7.1f} ms; {alerts / runs:.1f} alerts per run; {len(queries.captured_queries)} queries "
        "in a run (without e-mail delivery)"
    )
    from common.outbox import outbox_deliver_pending

    ms, sent = timed(lambda: outbox_deliver_pending(now=last + timedelta(minutes=runs + 2)))
    print(f"  e-mail delivery of one batch        {ms:9.1f} ms   {sent} notifications (in-memory mail backend)")


def bench_filing(children, officer, count: int, now) -> None:
    from incidents import rules, services

    agency = children[0]
    started = time.perf_counter()
    for i in range(count):
        data = services.NotificationInput(
            title=f"filed {i}",
            incident_type="malware",
            aware_at=now - timedelta(minutes=10),
            description="d",
            measures_taken="m",
            answers=rules.ImpactAnswers(confidentiality=rules.Severity.MINOR),
        )
        services.incident_report_create(agency=agency, data=data, acting_user=officer, now=now)
    elapsed = time.perf_counter() - started
    print(
        f"  filing, {count} notifications one by one  {elapsed * 1000 / count:7.1f} ms each = "
        f"{count / elapsed:6.1f} filings/s (incident, 3 clocks, 2 events, 1 outbox row, recipient lookup)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--filings", type=int, default=500)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--budget", type=float, default=40, help="seconds per sweep run (CSMA_SWEEP_BUDGET_SECONDS)")
    args = parser.parse_args()
    try:
        call_command("migrate", verbosity=0)
        now = timezone.now()
        children, officer = build_world()
        ms, clocks = timed(lambda: bulk_open_incidents(children, args.incidents, now))
        database = f"SQLite {connection.Database.sqlite_version}" if connection.vendor == "sqlite" else "PostgreSQL"
        print(f"{database}; {args.incidents:,} open incidents, {clocks:,} clocks inserted in {ms / 1000:.1f} s")
        bench_sweep(now, args.runs, args.budget)
        bench_filing(children, officer, args.filings, now)
    finally:
        shutil.rmtree(VAR_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
